namespace ArticlePipeline.Core.Model;

/// <summary>One article to process, or one source to discover (<see cref="IsDiscovery"/>).</summary>
/// <param name="Key">Unique key, normally the canonical URL.</param>
/// <param name="SourceId">The source the article belongs to.</param>
/// <param name="Url">The URL to fetch (for a discovery, the source's home page: its host is the one that does it).</param>
public sealed record WorkItem(string Key, string SourceId, Uri Url)
{
    /// <summary>The key prefix of a discovery item; an article's key is an absolute URL, which never starts so.</summary>
    public const string DiscoveryPrefix = "discover:";

    /// <summary>
    /// The source run that queued this article (<see cref="Operations.SourceRun.RunId"/>): completing the item adds its
    /// outcome to that run's counts. <see langword="null"/> for an item no run accounts for (a discovery, a re-run).
    /// </summary>
    public Guid? RunId { get; init; }

    /// <summary>
    /// When the listing that queued the article says its page last changed, if it said
    /// (<see cref="Sources.DiscoveryResult.Modified"/>): the worker that takes the item decides on it as discovery did.
    /// </summary>
    public DateTimeOffset? ListedModified { get; init; }

    /// <summary>Whether this item is a source's discovery (feeds, sitemaps, listings) rather than an article.</summary>
    public bool IsDiscovery => Key.StartsWith(DiscoveryPrefix, StringComparison.Ordinal);

    /// <summary>The discovery item of a source, done by the worker holding the host of <paramref name="url"/>.</summary>
    /// <param name="sourceId">The source.</param>
    /// <param name="url">The source's home page.</param>
    /// <returns>The item.</returns>
    public static WorkItem Discovery(string sourceId, Uri url) => new(DiscoveryPrefix + sourceId, sourceId, url);
}
