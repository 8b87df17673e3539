namespace ArticlePipeline.Core.Model;

/// <summary>What the store remembers of one URL.</summary>
/// <param name="Url">The canonical URL.</param>
/// <param name="Validators">ETag and Last-Modified of the last successful fetch.</param>
/// <param name="ContentHash">Hash of the last extracted content, if any.</param>
/// <param name="RecordPath">Where the record was written, if any.</param>
/// <param name="LastOutcome">The last outcome: written, unchanged, a failure and its reason, a copy of an original...</param>
/// <param name="ConsecutiveFailures">Failures since the last success.</param>
/// <param name="UpdatedAt">When this state was stored.</param>
/// <param name="NextAttemptAt">After failures: not before this time (backoff); <see langword="null"/> when healthy.</param>
/// <param name="Parked">After too many consecutive failures the URL is parked and reported, not retried.</param>
/// <param name="Revisits">
/// Successful checks since the first successful fetch (0 after it): the next revisit is due the
/// <c>Crawl:RevisitSchedule</c> entry of this index after <paramref name="UpdatedAt"/>, and none once the schedule is used up.
/// </param>
public sealed record PageState(
    Uri Url,
    FetchValidators? Validators,
    string? ContentHash,
    string? RecordPath,
    PageOutcome LastOutcome,
    int ConsecutiveFailures,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt = null,
    bool Parked = false,
    int Revisits = 0);
