namespace ArticlePipeline.Core.Pipeline;

/// <summary>Why a crawl pass skipped a URL: each one is counted in the <see cref="CrawlSummary"/>.</summary>
public static class SkipReasons
{
    /// <summary>robots.txt disallows it, or the host's robots.txt is unreachable; never requested.</summary>
    public const string Robots = "robots";

    /// <summary>
    /// Already crawled for its source in this pass, under this URL or as the <c>link rel=canonical</c> of another page.
    /// </summary>
    public const string Seen = "seen";

    /// <summary>
    /// The same content is stored under another URL whose canonical URL differs (a syndicated copy); nothing written.
    /// </summary>
    public const string Duplicate = "duplicate";

    /// <summary>Not one of the source's URLs: another site, or matched by <c>excludePatterns</c>.</summary>
    public const string Filtered = "filtered";

    /// <summary>The body is over <c>Network:MaxBodyBytes</c> (after decompression); recorded as a failure for backoff.</summary>
    public const string TooLarge = "too-large";

    /// <summary>Parked after too many consecutive failures; <c>rerun URL</c> tries it again.</summary>
    public const string Parked = "parked";

    /// <summary>Failed recently; not retried before its next attempt time.</summary>
    public const string Backoff = "backoff";

    /// <summary>Over the source's <c>maxArticlesPerRun</c>.</summary>
    public const string Limit = "limit";

    /// <summary>
    /// One of the source's <c>excludePatterns</c> (or its listing's <c>articlePattern</c>) took longer than
    /// <see cref="Sources.SourcePattern.MatchTimeout"/> on this URL; reported as a problem of the source.
    /// </summary>
    public const string PatternTimeout = "pattern-timeout";

    /// <summary>Not started: the pass stopped taking new articles because the disk holding the records or the state is full.</summary>
    public const string Stopped = "stopped";

    /// <summary>Cluster mode: a work item for it is still queued or leased from an earlier pass.</summary>
    public const string Queued = "queued";

    /// <summary>
    /// Known and fetched successfully before; its next revisit (<c>Crawl:RevisitSchedule</c>) is not due yet, or its
    /// schedule is used up.
    /// </summary>
    public const string NotDue = "not-due";
}
