using System.Collections.Immutable;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Operations;

/// <summary>The counts of one source's crawl pass.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="StartedAt">When its discovery started.</param>
/// <param name="Duration">How long discovery and its articles took (so far, while articles are still <see cref="Pending"/>).</param>
/// <param name="Counts">What happened to its URLs (so far).</param>
/// <remarks>
/// A local pass records its run once, complete. In a cluster the discovery records the run with the articles it
/// queued (<see cref="Queued"/>) and no outcome for them yet; each worker that completes one of those articles adds its
/// outcome to the run (<see cref="SourceRunCounts.Of(CrawlItemResult)"/>), so the run fills in as the cluster works.
/// </remarks>
public sealed record SourceRun(string SourceId, DateTimeOffset StartedAt, TimeSpan Duration, SourceRunCounts Counts)
{
    /// <summary>The run's identity, which its queued articles carry (<see cref="Model.WorkItem.RunId"/>); none for a local pass.</summary>
    public Guid? RunId { get; init; }

    /// <summary>Articles the run queued for workers to crawl; their outcomes come into <see cref="Counts"/> as they complete.</summary>
    public int Queued { get; init; }

    /// <summary>Queued articles whose outcome has not come in yet: the run is still going on while this is above zero.</summary>
    public int Pending { get; init; }

    /// <summary>The run of one source from the summary its pass kept.</summary>
    /// <param name="sourceId">The source.</param>
    /// <param name="startedAt">When it started.</param>
    /// <param name="duration">How long it took.</param>
    /// <param name="summary">The source's own summary.</param>
    /// <returns>The run.</returns>
    public static SourceRun From(string sourceId, DateTimeOffset startedAt, TimeSpan duration, CrawlSummary summary) =>
        new(sourceId, startedAt, duration, SourceRunCounts.Of(summary));
}
