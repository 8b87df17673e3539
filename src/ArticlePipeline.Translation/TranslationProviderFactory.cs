using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Translation.Client;
using Azure;
using Azure.Core;

namespace ArticlePipeline.Translation;

/// <summary>Creates the configured <see cref="ITranslationProvider"/>.</summary>
public static class TranslationProviderFactory
{
    /// <summary>Creates the provider that <paramref name="options"/> chooses, without a translation memory.</summary>
    /// <param name="options">The <c>Translator</c> configuration.</param>
    /// <returns>The provider, or <see langword="null"/> when <see cref="TranslatorOptions.Provider"/> is <c>none</c>.</returns>
    /// <exception cref="ArgumentException">The provider is unknown, or <c>azure</c> lacks a key or a valid endpoint.</exception>
    public static ITranslationProvider? Create(TranslatorOptions options) => Create(options, memory: null);

    /// <summary>Creates the provider that <paramref name="options"/> chooses, behind a translation memory when one is given.</summary>
    /// <param name="options">The <c>Translator</c> configuration.</param>
    /// <param name="memory">The translation memory (the state store); when set, the provider is wrapped in a
    /// <see cref="MemoizingTranslationProvider"/> so segments already translated are never billed again.</param>
    /// <param name="time">The clock that paces requests and times retries; <see cref="TimeProvider.System"/> when
    /// <see langword="null"/>.</param>
    /// <returns>The provider, or <see langword="null"/> when <see cref="TranslatorOptions.Provider"/> is <c>none</c>.</returns>
    /// <exception cref="ArgumentException">The provider is unknown, or <c>azure</c> lacks a key or a valid endpoint, or the
    /// retry or pacing settings are negative.</exception>
    public static ITranslationProvider? Create(TranslatorOptions options, ITranslationMemory? memory, TimeProvider? time = null) =>
        Create(options, memory, time, secrets: null);

    /// <summary>
    /// Creates the provider that <paramref name="options"/> chooses, behind a translation memory when one is given, refusing
    /// any answer that contains the key or one of <paramref name="secrets"/> (a service echoing request headers).
    /// </summary>
    /// <param name="options">The <c>Translator</c> configuration.</param>
    /// <param name="memory">The translation memory (the state store), if any.</param>
    /// <param name="time">The clock that paces requests and times retries; <see cref="TimeProvider.System"/> when
    /// <see langword="null"/>.</param>
    /// <param name="secrets">Other configured secrets by setting name (e.g. the database password); the key is always
    /// screened.</param>
    /// <returns>The provider, or <see langword="null"/> when <see cref="TranslatorOptions.Provider"/> is <c>none</c>.</returns>
    /// <exception cref="ArgumentException">The options are invalid, as for <see cref="Create(TranslatorOptions, ITranslationMemory?, TimeProvider?)"/>.</exception>
    public static ITranslationProvider? Create(
        TranslatorOptions options,
        ITranslationMemory? memory,
        TimeProvider? time,
        IEnumerable<KeyValuePair<string, string?>>? secrets) =>
        Create(options, memory, time, secrets, loggers: null);

    /// <summary>As <see cref="Create(TranslatorOptions, ITranslationMemory?, TimeProvider?, IEnumerable{KeyValuePair{string, string?}}?)"/>,
    /// logging throttling (429 answers and the pauses they cause) to <paramref name="loggers"/>.</summary>
    /// <param name="options">The <c>Translator</c> configuration.</param>
    /// <param name="memory">The translation memory (the state store), if any.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="secrets">Other configured secrets by setting name.</param>
    /// <param name="loggers">Where throttling is logged; nowhere when <see langword="null"/>.</param>
    /// <returns>The provider, or <see langword="null"/> when <see cref="TranslatorOptions.Provider"/> is <c>none</c>.</returns>
    public static ITranslationProvider? Create(
        TranslatorOptions options,
        ITranslationMemory? memory,
        TimeProvider? time,
        IEnumerable<KeyValuePair<string, string?>>? secrets,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        string provider = options.Provider?.Trim() ?? string.Empty;
        if (provider.Length == 0 || string.Equals(provider, TranslatorOptions.NoProvider, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(provider, AzureTranslationProvider.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Unknown translator provider '{provider}' in {TranslatorOptions.SectionName}:Provider; expected 'azure' or 'none'.",
                nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Key))
        {
            throw new ArgumentException(
                $"{TranslatorOptions.SectionName}:Key is required when {TranslatorOptions.SectionName}:Provider is 'azure'.",
                nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Endpoint)
            || !Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out Uri? endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                $"{TranslatorOptions.SectionName}:Endpoint must be an absolute http(s) URL when {TranslatorOptions.SectionName}:Provider is 'azure'.",
                nameof(options));
        }

        if (options.MaxRetries < 0)
        {
            throw new ArgumentException($"{TranslatorOptions.SectionName}:MaxRetries may not be negative.", nameof(options));
        }

        if (options.CharactersPerMinute < 0)
        {
            throw new ArgumentException($"{TranslatorOptions.SectionName}:CharactersPerMinute may not be negative.", nameof(options));
        }

        var clientOptions = new TranslatorClientOptions
        {
            CharactersPerMinute = options.CharactersPerMinute,
            TimeProvider = time ?? TimeProvider.System,
            Loggers = loggers,
        };
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.RetryDelay;
        var client = new TranslatorClient(endpoint, new AzureKeyCredential(options.Key.Trim()), options.Region, clientOptions);
        var screen = new SecretScreen([new($"{TranslatorOptions.SectionName}:Key", options.Key), .. secrets ?? []]);
        Glossary.TermGlossary glossary = Glossary.TermGlossary.Empty;
        if (!string.IsNullOrWhiteSpace(options.GlossaryFile))
        {
            try
            {
                glossary = Glossary.TermGlossary.Load(options.GlossaryFile.Trim());
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"{TranslatorOptions.SectionName}:GlossaryFile: {ex.Message}", nameof(options), ex);
            }
        }

        var azure = new AzureTranslationProvider(client, screen, glossary);
        return memory is null ? azure : new MemoizingTranslationProvider(azure, memory, time, screen);
    }
}
