using System.Collections.Immutable;

namespace ArticlePipeline.Core.Work;

/// <summary>What a discovery work item did: the URLs its source listed, what it queued and what it skipped, by reason.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Discovered">Article URLs the discovery found.</param>
/// <param name="Enqueued">Work items queued for them.</param>
/// <param name="Skipped">URLs not queued, by one of <see cref="Pipeline.SkipReasons"/>.</param>
/// <param name="Problems">Feeds, sitemaps, listings or patterns that failed, each starting with the source id.</param>
/// <param name="Failed">Whether discovery could read none of the source's documents.</param>
public sealed record SourceDiscoveryRun(
    string SourceId,
    int Discovered,
    int Enqueued,
    ImmutableDictionary<string, int> Skipped,
    ImmutableArray<string> Problems,
    bool Failed);
