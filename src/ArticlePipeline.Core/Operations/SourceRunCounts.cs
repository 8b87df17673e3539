using System.Collections.Immutable;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Operations;

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
    string? Stopped)
{
    /// <summary>The counts a pass's summary kept.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The counts.</returns>
    public static SourceRunCounts Of(CrawlSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SourceRunCounts(
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
            summary.Stopped);
    }

    /// <summary>The counts of one crawled article, as a worker adds them to the run that queued it.</summary>
    /// <param name="result">The article's result.</param>
    /// <returns>The counts.</returns>
    public static SourceRunCounts Of(CrawlItemResult result)
    {
        var summary = new CrawlSummary();
        summary.Add(result);
        return Of(summary);
    }

    /// <summary>These counts and <paramref name="other"/>'s together: numbers added, reasons merged, parked URLs listed together.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>The sum.</returns>
    public SourceRunCounts Plus(SourceRunCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new SourceRunCounts(
            Discovered + other.Discovered,
            Fetched + other.Fetched,
            NotModified + other.NotModified,
            Written + other.Written,
            Unchanged + other.Unchanged,
            Skipped + other.Skipped,
            Failed + other.Failed,
            Sum(FailedByReason, other.FailedByReason),
            Sum(SkippedByReason, other.SkippedByReason),
            Parked.IsDefaultOrEmpty ? other.Parked : other.Parked.IsDefaultOrEmpty ? Parked : Parked.AddRange(other.Parked),
            BilledCharacters + other.BilledCharacters,
            SavedCharacters + other.SavedCharacters,
            DiscoveryFailed || other.DiscoveryFailed,
            Stopped ?? other.Stopped);
    }

    private static ImmutableSortedDictionary<string, int> Sum(ImmutableSortedDictionary<string, int> a, ImmutableSortedDictionary<string, int> b)
    {
        ImmutableSortedDictionary<string, int>.Builder sum = (a ?? ImmutableSortedDictionary<string, int>.Empty).ToBuilder();
        foreach ((string reason, int count) in b ?? ImmutableSortedDictionary<string, int>.Empty)
        {
            sum[reason] = sum.GetValueOrDefault(reason) + count;
        }

        return sum.ToImmutable();
    }
}
