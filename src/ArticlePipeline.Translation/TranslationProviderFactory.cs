using ArticlePipeline.Core.Composition;
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
        Microsoft.Extensions.Logging.ILoggerFactory? loggers) =>
        Create(options, memory, time, secrets, loggers, new Glossary.GlossaryLoader());

    /// <summary>As the public overloads, with the glossary from <paramref name="glossaries"/>, which the host's start-up check has already read.</summary>
    internal static ITranslationProvider? Create(
        TranslatorOptions options,
        ITranslationMemory? memory,
        TimeProvider? time,
        IEnumerable<KeyValuePair<string, string?>>? secrets,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers,
        Glossary.GlossaryLoader glossaries)
    {
        ArgumentNullException.ThrowIfNull(options);
        string provider = options.Provider?.Trim() ?? string.Empty;
        if (provider.Length == 0 || string.Equals(provider, TranslatorOptions.NoProvider, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The same rules the host checks at start-up, for a provider built directly.
        if (SectionOptions.AnnotationProblems(options, TranslatorOptions.SectionName).Concat(RuleProblems(options)).FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        (Glossary.TermGlossary? glossary, string? glossaryProblem) = glossaries.Load(options);
        if (glossaryProblem is not null)
        {
            throw new ArgumentException(glossaryProblem, nameof(options));
        }

        Uri endpoint = new(options.Endpoint!.Trim(), UriKind.Absolute);
        var clientOptions = new TranslatorClientOptions
        {
            CharactersPerMinute = options.CharactersPerMinute,
            TimeProvider = time ?? TimeProvider.System,
            Loggers = loggers,
        };
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.RetryDelay;
        var client = new TranslatorClient(endpoint, new AzureKeyCredential(options.Key!.Trim()), options.Region, clientOptions);
        var screen = new SecretScreen([new($"{TranslatorOptions.SectionName}:Key", options.Key), .. secrets ?? []]);
        var azure = new AzureTranslationProvider(client, screen, glossary ?? Glossary.TermGlossary.Empty);
        return memory is null ? azure : new MemoizingTranslationProvider(azure, memory, time, screen);
    }

    /// <summary>
    /// The rules across the <c>Translator</c> fields, one line each: the provider is known, and Azure has a key and an
    /// http(s) endpoint. Nothing is required of <c>none</c>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    internal static List<string> RuleProblems(TranslatorOptions options)
    {
        string provider = options.Provider?.Trim() ?? string.Empty;
        if (provider.Length == 0 || provider.Equals(TranslatorOptions.NoProvider, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (!provider.Equals(AzureTranslationProvider.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            return [$"{TranslatorOptions.SectionName}:Provider must be 'azure' or 'none', not '{options.Provider}'"];
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Key))
        {
            problems.Add($"{TranslatorOptions.SectionName}:Provider is azure but {TranslatorOptions.SectionName}:Key is empty (set ARTICLEPIPELINE__Translator__Key)");
        }

        if (!Uri.TryCreate(options.Endpoint?.Trim(), UriKind.Absolute, out Uri? endpoint) || endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add($"{TranslatorOptions.SectionName}:Endpoint must be an absolute http(s) URL when {TranslatorOptions.SectionName}:Provider is 'azure'");
        }

        return problems;
    }
}
