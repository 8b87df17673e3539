using System.ComponentModel.DataAnnotations;

namespace ArticlePipeline.Translation;

/// <summary>Configuration of the translation stage (section <c>Translator</c>).</summary>
/// <remarks>The key is a secret: supply it from user secrets or the environment (<c>Translator__Key</c>), never from a
/// checked-in file.</remarks>
public sealed class TranslatorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Translator";

    /// <summary>The provider value that turns translation off.</summary>
    public const string NoProvider = "none";

    /// <summary>The global Translator endpoint.</summary>
    public const string DefaultEndpoint = "https://api.cognitive.microsofttranslator.com";

    /// <summary>Which provider translates: <c>azure</c> or <c>none</c> (records are written with the missing languages
    /// pending, for a later <c>translate</c> run).</summary>
    /// <value>Default <c>none</c>.</value>
    [Required]
    public string Provider { get; set; } = NoProvider;

    /// <summary>The Translator endpoint: the global one, a custom subdomain <c>https://NAME.cognitiveservices.azure.com</c>,
    /// or any base address (tests use a server on 127.0.0.1).</summary>
    /// <value>Default <c>https://api.cognitive.microsofttranslator.com</c>.</value>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The resource key, sent as <c>Ocp-Apim-Subscription-Key</c>; required for <c>azure</c>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Key { get; set; }

    /// <summary>The resource's Azure region (e.g. <c>westeurope</c>), sent as <c>Ocp-Apim-Subscription-Region</c>; required by
    /// regional and multi-service resources, not by global single-service ones.</summary>
    /// <value>Default <see langword="null"/> (no region header).</value>
    public string? Region { get; set; }

    /// <summary>How many times Azure.Core retries a request answered 408, 429 or 5xx, or lost on the network, with
    /// exponential back-off that honours <c>Retry-After</c>.</summary>
    /// <value>Default 3.</value>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially (with jitter) up to one minute.</summary>
    /// <value>Default 800 milliseconds (Azure.Core's default).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The glossary file (<see cref="Glossary.TermGlossary"/>): source terms and their rendering per target language,
    /// validated when the provider is created (a bad file stops start-up with one line naming the problem).</summary>
    /// <value>Default <see langword="null"/>: no glossary. <c>config/appsettings.json</c> sets <c>config/glossary.json</c>.</value>
    public string? GlossaryFile { get; set; }

    /// <summary>The characters per minute (counted across all target languages) the client sends at most, in any sliding
    /// minute; further requests wait instead of drawing 429 answers. 0 turns pacing off.</summary>
    /// <value>Default 666,666: the S1 tier allows 40 million characters an hour, to be consumed evenly over sliding one-minute
    /// windows (40,000,000 / 60). Use 33,333 for F0 (2 million an hour), 2,000,000 for S3 (120 million), 3,333,333 for S4.</value>
    [Range(0, int.MaxValue)]
    public int CharactersPerMinute { get; set; } = (int)Client.TranslatorClientOptions.S1CharactersPerMinute;
}
