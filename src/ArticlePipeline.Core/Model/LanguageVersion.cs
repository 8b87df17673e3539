using System.Text.Json.Serialization;

namespace ArticlePipeline.Core.Model;

/// <summary>One language entry of a record.</summary>
/// <param name="Status">Original, translated, pending or failed.</param>
/// <param name="Content">The text, for original and translated entries.</param>
/// <param name="Provenance">Where the text came from, for original and translated entries.</param>
/// <param name="Reason">Why the entry is pending or failed.</param>
public sealed record LanguageVersion(
    TranslationStatus Status,
    LanguageContent? Content,
    Provenance? Provenance,
    string? Reason)
{
    /// <summary>For translated entries: who made the text. Records written before editions existed omit it: their translations are the machine's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LanguageOrigin? Origin { get; init; }

    /// <summary>For publisher and mirror entries: the page the text was read from.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OriginUrl { get; init; }

    /// <summary>For publisher and mirror entries: how the edition matches the original, block by block.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EditionMatch? Match { get; init; }

    /// <summary>Whether this is a human translation (a publisher's edition or a mirror's), which a machine translation never replaces.</summary>
    [JsonIgnore]
    public bool IsEdition => Status == TranslationStatus.Translated && Origin is LanguageOrigin.Publisher or LanguageOrigin.Mirror;

    /// <summary>A language waiting for translation.</summary>
    /// <param name="reason">Why it is not translated yet.</param>
    /// <returns>The entry.</returns>
    public static LanguageVersion Pending(string reason) => new(TranslationStatus.Pending, null, null, reason);

    /// <summary>A language whose translation was attempted and refused (for example an answer holding a secret).</summary>
    /// <param name="reason">Why it failed; never the refused text itself.</param>
    /// <returns>The entry; <c>translate --pending</c> tries it again.</returns>
    public static LanguageVersion Failed(string reason) => new(TranslationStatus.Failed, null, null, reason);
}
