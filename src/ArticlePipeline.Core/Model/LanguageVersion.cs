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
    /// <summary>A language waiting for translation.</summary>
    /// <param name="reason">Why it is not translated yet.</param>
    /// <returns>The entry.</returns>
    public static LanguageVersion Pending(string reason) => new(TranslationStatus.Pending, null, null, reason);

    /// <summary>A language whose translation was attempted and refused (for example an answer holding a secret).</summary>
    /// <param name="reason">Why it failed; never the refused text itself.</param>
    /// <returns>The entry; <c>translate --pending</c> tries it again.</returns>
    public static LanguageVersion Failed(string reason) => new(TranslationStatus.Failed, null, null, reason);
}
