namespace ArticlePipeline.State;

/// <summary>One numbered schema change, applied once and recorded in the store's <c>schema_version</c> table.</summary>
/// <param name="Version">The version the schema has after this migration; versions start at 1 and have no gaps.</param>
/// <param name="Description">What the migration does.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
internal sealed record StateMigration(int Version, string Description, string Sql)
{
    /// <summary>
    /// The statements, the same on SQLite and PostgreSQL, that give <paramref name="pages"/> typed outcome columns and
    /// fill them from the text outcome earlier versions wrote (<c>failed:REASON</c>, <c>duplicate:URL</c>,
    /// <c>seen:URL</c>); a text of no known kind becomes a failure with that text as its reason.
    /// </summary>
    /// <param name="pages">The pages table, qualified with its schema where there is one.</param>
    /// <returns>The SQL.</returns>
    public static string TypedPageOutcomes(string pages) => $"""
        ALTER TABLE {pages} ADD COLUMN outcome text NOT NULL DEFAULT 'written';
        ALTER TABLE {pages} ADD COLUMN outcome_reason text NULL;
        ALTER TABLE {pages} ADD COLUMN outcome_url text NULL;
        UPDATE {pages} SET
          outcome = CASE
            WHEN last_outcome IN ('written', 'unchanged', 'not-modified') THEN last_outcome
            WHEN last_outcome LIKE 'duplicate:%' THEN 'duplicate'
            WHEN last_outcome LIKE 'seen:%' THEN 'seen'
            ELSE 'failed' END,
          outcome_reason = CASE
            WHEN last_outcome LIKE 'failed:%' THEN substr(last_outcome, 8)
            WHEN last_outcome IN ('written', 'unchanged', 'not-modified') OR last_outcome LIKE 'duplicate:%' OR last_outcome LIKE 'seen:%' THEN NULL
            ELSE last_outcome END,
          outcome_url = CASE
            WHEN last_outcome LIKE 'duplicate:%' THEN substr(last_outcome, 11)
            WHEN last_outcome LIKE 'seen:%' THEN substr(last_outcome, 6)
            ELSE NULL END;
        """;
}
