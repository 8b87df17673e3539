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

/// <summary>What happened to a source's URLs in one run.</summary>
/// <param name="Discovered">URLs found by discovery.</param>
/// <param name="Fetched">Articles fetched.</param>
/// <param name="NotModified">Articles the server reported unchanged (304).</param>
/// <param name="Written">Records written.</param>
/// <param name="Unchanged">Articles fetched whose record did not change.</param>
/// <param name="Skipped">URLs skipped.</param>
/// <param name="Failed">Articles failed.</param>
/// <param name="FailedByReason">Failures by reason.</param>
/// <param name="SkippedByReason">Skips by reason.</param>
/// <param name="Parked">URLs the run parked.</param>
/// <param name="BilledCharacters">Characters the translator billed.</param>
/// <param name="SavedCharacters">Characters the translation memory saved.</param>
/// <param name="DiscoveryFailed">Whether discovery could read none of the source's documents.</param>
/// <param name="Stopped">Why the run stopped early, if it did.</param>
public sealed record SourceRunCounts(
    int Discovered,
    int Fetched,
    int NotModified,
    int Written,
    int Unchanged,
    int Skipped,
    int Failed,
    ImmutableSortedDictionary<string, int> FailedByReason,
    ImmutableSortedDictionary<string, int> SkippedByReason,
    ImmutableArray<SourceRunParked> Parked,
    long BilledCharacters,
    long SavedCharacters,
    bool DiscoveryFailed,
    string? Stopped);

/// <summary>A URL parked by a run.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Reason">The last failure's reason.</param>
/// <param name="Failures">Consecutive failures.</param>
public sealed record SourceRunParked(string Url, string Reason, int Failures);
