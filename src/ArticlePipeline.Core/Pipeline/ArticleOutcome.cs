using System.Collections.Immutable;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>The result of processing one article URL.</summary>
/// <param name="Url">The URL processed.</param>
/// <param name="Kind">How it ended.</param>
/// <param name="Reason">Short reason for a failure, e.g. <c>http-404</c>, <c>not-an-article</c>, <c>write</c>.</param>
/// <param name="Detail">Human-readable detail of a failure.</param>
/// <param name="RecordPath">The record file, when one exists.</param>
/// <param name="PendingLanguages">Languages left pending.</param>
/// <param name="BilledCharacters">Characters billed by the translator for this article.</param>
/// <param name="SavedCharacters">Characters the translation memory saved for this article.</param>
/// <param name="FailedTranslations">Languages whose translation was refused (an answer failing the checks after one retry,
/// or holding a configured secret) and recorded as <c>failed</c>.</param>
/// <param name="Translation">Translation cost and answer quality per language, when the article was translated.</param>
public sealed record ArticleOutcome(
    Uri Url,
    ArticleOutcomeKind Kind,
    string? Reason,
    string? Detail,
    string? RecordPath,
    ImmutableArray<string> PendingLanguages,
    long BilledCharacters,
    long SavedCharacters = 0,
    int FailedTranslations = 0,
    ImmutableDictionary<string, Model.LanguageTranslationStats>? Translation = null)
{
    /// <summary>Where the record's translated languages came from this time (publisher, mirror, machine), what editions saved, and refused editions.</summary>
    public Editions.EditionStats Editions { get; init; } = Core.Editions.EditionStats.None;

    /// <summary>A failure.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="reason">Short reason.</param>
    /// <param name="detail">Detail.</param>
    /// <returns>The outcome.</returns>
    public static ArticleOutcome Failure(Uri url, string reason, string? detail) =>
        new(url, ArticleOutcomeKind.Failed, reason, detail, null, [], 0);
}
