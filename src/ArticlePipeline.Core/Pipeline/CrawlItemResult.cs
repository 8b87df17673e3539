namespace ArticlePipeline.Core.Pipeline;

/// <summary>What a crawl pass did with one discovered URL: processed it, or skipped it with a reason.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Outcome">The article outcome when it was processed (written, unchanged, not modified, failed).</param>
/// <param name="SkipReason">One of <see cref="SkipReasons"/> when it was skipped.</param>
/// <param name="Detail">Why it was skipped.</param>
public sealed record CrawlItemResult(Uri Url, ArticleOutcome? Outcome, string? SkipReason, string? Detail)
{
    /// <summary>Whether a request went to the site for it.</summary>
    public bool Requested { get; init; }

    /// <summary>Set when this result parked the URL.</summary>
    public ParkedUrl? Parked { get; init; }

    /// <summary>A processed URL.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="requested">Whether a request was made.</param>
    /// <returns>The result.</returns>
    public static CrawlItemResult Processed(ArticleOutcome outcome, bool requested = true)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new CrawlItemResult(outcome.Url, outcome, null, null) { Requested = requested };
    }

    /// <summary>A skipped URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="reason">One of <see cref="SkipReasons"/>.</param>
    /// <param name="detail">Why.</param>
    /// <param name="requested">Whether a request was made before it was skipped.</param>
    /// <returns>The result.</returns>
    public static CrawlItemResult Skipped(Uri url, string reason, string? detail, bool requested = false) =>
        new(url, null, reason, detail) { Requested = requested };
}
