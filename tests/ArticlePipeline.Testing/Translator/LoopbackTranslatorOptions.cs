namespace ArticlePipeline.Testing.Translator;

/// <summary>How a <see cref="LoopbackTranslator"/> behaves beyond the key it checks.</summary>
public sealed class LoopbackTranslatorOptions
{
    /// <summary>When set, requests must carry this <c>Ocp-Apim-Subscription-Region</c>, else they get 401000.</summary>
    /// <value>Default <see langword="null"/> (any region or none).</value>
    public string? Region { get; set; }

    /// <summary>The language codes accepted in <c>to</c> and <c>from</c> (case-insensitive); others get 400036 / 400035.</summary>
    /// <value>Default <see cref="DefaultLanguages"/>.</value>
    public ISet<string> SupportedLanguages { get; init; } = new HashSet<string>(DefaultLanguages, StringComparer.OrdinalIgnoreCase);

    /// <summary>The language reported as <c>detectedLanguage</c> when a request has no <c>from</c>.</summary>
    /// <value>Default <c>vi</c>.</value>
    public string DetectedLanguage { get; set; } = "vi";

    /// <summary>When set, the characters (× targets) the server accepts in any sliding minute (the service meters its hourly
    /// quota that way); beyond it, 429 with 429001 and <c>Retry-After</c> until enough of the minute has passed, in whole
    /// seconds rounded up. A request larger than the whole budget is always refused, as the service does.</summary>
    /// <value>Default <see langword="null"/> (no budget).</value>
    public long? CharactersPerMinute { get; set; }

    /// <summary>The clock of the per-minute budget.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>When set, translations are also upper-cased outside markup, entities and <c>notranslate</c> spans, so a test can
    /// tell translated from protected text (<see cref="LoopbackTranslation.Translate(string, string, bool, bool)"/>).</summary>
    /// <value>Default <see langword="false"/>: the translation only adds the <c>[language] </c> prefix.</value>
    public bool UpperCaseTranslations { get; set; }

    /// <summary>When set, translations are in the target language's script (<see cref="LoopbackTranslation.Scripted"/>), as
    /// the provider's answer checks require and the real service does; else they are the source with a <c>[code] </c> prefix
    /// (tests of the wire format).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ScriptedTranslations { get; set; } = true;

    /// <summary>How long a successful answer is held back before it is sent: a slow service (a test can kill a client
    /// while a request is in flight).</summary>
    /// <value>Default <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>When set, every translation's text is the request's headers (<c>Name: value</c>, key included), as a
    /// broken or hostile service that echoes its input would answer.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool EchoRequestHeaders { get; set; }

    /// <summary>Most elements per request (the service's is 1,000).</summary>
    /// <value>Default 1,000.</value>
    public int MaxElements { get; set; } = 1_000;

    /// <summary>Most characters per request counted across targets, and per element (the service's is 50,000).</summary>
    /// <value>Default 50,000.</value>
    public int MaxCharacters { get; set; } = 50_000;

    /// <summary>The languages supported unless <see cref="SupportedLanguages"/> says otherwise: the record languages and a few
    /// more used by the recorded Azure SDK exchanges.</summary>
    public static IReadOnlyList<string> DefaultLanguages { get; } =
    [
        "vi", "uk", "ru", "ro", "th", "en", "cs", "de", "es", "fr", "it", "pl", "ja", "ko", "zh-Hans", "zh-Hant", "zh-chs", "zh-cn",
    ];
}
