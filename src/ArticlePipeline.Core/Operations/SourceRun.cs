using System.Collections.Immutable;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Operations;

/// <summary>The counts of one source's crawl pass.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="StartedAt">When its discovery started.</param>
/// <param name="Duration">How long discovery and its articles took.</param>
/// <param name="Counts">What happened to its URLs.</param>
public sealed record SourceRun(string SourceId, DateTimeOffset StartedAt, TimeSpan Duration, SourceRunCounts Counts)
{
    /// <summary>The run of one source from the summary its pass kept.</summary>
    /// <param name="sourceId">The source.</param>
    /// <param name="startedAt">When it started.</param>
    /// <param name="duration">How long it took.</param>
    /// <param name="summary">The source's own summary.</param>
    /// <returns>The run.</returns>
    public static SourceRun From(string sourceId, DateTimeOffset startedAt, TimeSpan duration, CrawlSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SourceRun(sourceId, startedAt, duration, new SourceRunCounts(
            summary.Discovered,
            summary.Fetched,
            summary.NotModified,
            summary.Written,
            summary.Unchanged,
            summary.Skipped,
            summary.Failed,
            summary.FailedByReason.ToImmutableSortedDictionary(StringComparer.Ordinal),
            summary.SkippedByReason.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. summary.Parked.Select(p => new SourceRunParked(p.Url.AbsoluteUri, p.Reason, p.Failures))],
            summary.BilledCharacters,
            summary.SavedCharacters,
            summary.DiscoveryFailed > 0,
            summary.Stopped));
    }
}
