using System.Collections.Immutable;

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
    string? Stopped);
