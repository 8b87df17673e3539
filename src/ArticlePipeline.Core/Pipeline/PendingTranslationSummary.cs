using System.Globalization;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Counts of one <c>translate --pending</c> run.</summary>
public sealed class PendingTranslationSummary
{
    /// <summary>Records written with their pending languages translated.</summary>
    public int Records { get; set; }

    /// <summary>Languages translated, over all records.</summary>
    public int Languages { get; set; }

    /// <summary>Listed records that were gone or already complete.</summary>
    public int Skipped { get; set; }

    /// <summary>Languages whose translation was refused (the answer failed the checks after one retry, or held a configured
    /// secret); they are recorded as failed and stay listed.</summary>
    public int Refused { get; set; }

    /// <summary>Records still pending because the translator failed.</summary>
    public int StillPending { get; set; }

    /// <summary>Translation cost and answer quality per target language, over the run.</summary>
    public Dictionary<string, Model.LanguageTranslationStats> ByLanguage { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Characters billed.</summary>
    public long BilledCharacters { get; set; }

    /// <summary>Characters the translation memory saved.</summary>
    public long SavedCharacters { get; set; }

    /// <summary>Why the run stopped early, if it did.</summary>
    public string? Failure { get; set; }

    /// <summary>The summary line.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"records {Records}, languages translated {Languages}, skipped {Skipped}, still pending {StillPending}, refused {Refused}, characters billed {BilledCharacters}, saved by memory {SavedCharacters}")
        + (ByLanguage.Count == 0 ? string.Empty : "; translation: " + CrawlSummary.FormatLanguages(ByLanguage));
}
