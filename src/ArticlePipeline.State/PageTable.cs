namespace ArticlePipeline.State;

/// <summary>The <c>pages</c> table as both stores read it.</summary>
internal static class PageTable
{
    /// <summary>
    /// The columns of a page's state, in the order the stores' readers take them (SQLite keeps the timestamps as text,
    /// PostgreSQL as timestamptz, so each store has its own reader over this one list).
    /// </summary>
    public const string Columns = "etag, last_modified, content_hash, record_path, outcome, failures, updated_at, next_attempt_at, parked, outcome_reason, outcome_url, revisits";
}
