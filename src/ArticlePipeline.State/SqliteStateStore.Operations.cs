using System.Collections.Immutable;
using System.Globalization;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.State.Operations;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>The operations journal (record catalog, source runs, translation usage) and the console's reads of it.</summary>
public sealed partial class SqliteStateStore
{
    /// <inheritdoc />
    public async Task RecordRevisionAsync(RecordRevision revision, CancellationToken cancellationToken = default)
    {
        OperationsArguments.Check(revision);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SqliteTransaction transaction = BeginImmediate(connection);
            await using (transaction.ConfigureAwait(false))
            {
                using (SqliteCommand upsert = connection.CreateCommand())
                {
                    upsert.Transaction = transaction;
                    upsert.CommandText = """
                        INSERT INTO records (source_id, record_id, url, title, source_language, revision, written_at, written_ticks, languages)
                        VALUES ($source, $id, $url, $title, $language, $revision, $at, $ticks, $languages)
                        ON CONFLICT (source_id, record_id) DO UPDATE SET url = excluded.url, title = excluded.title,
                          source_language = excluded.source_language, revision = excluded.revision, written_at = excluded.written_at,
                          written_ticks = excluded.written_ticks, languages = excluded.languages
                        WHERE excluded.revision >= records.revision
                        """;
                    upsert.Parameters.AddWithValue("$source", revision.SourceId);
                    upsert.Parameters.AddWithValue("$id", revision.RecordId);
                    upsert.Parameters.AddWithValue("$url", revision.Url);
                    upsert.Parameters.AddWithValue("$title", revision.Title);
                    upsert.Parameters.AddWithValue("$language", revision.SourceLanguage);
                    upsert.Parameters.AddWithValue("$revision", revision.Revision);
                    upsert.Parameters.AddWithValue("$at", Format(revision.WrittenAt));
                    upsert.Parameters.AddWithValue("$ticks", revision.WrittenAt.UtcTicks);
                    upsert.Parameters.AddWithValue("$languages", OperationsJson.Write(revision.Languages));
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (SqliteCommand history = connection.CreateCommand())
                {
                    history.Transaction = transaction;
                    history.CommandText = """
                        INSERT INTO record_revisions (source_id, record_id, revision, written_at, change, manifest_line)
                        VALUES ($source, $id, $revision, $at, $change, $line)
                        """;
                    history.Parameters.AddWithValue("$source", revision.SourceId);
                    history.Parameters.AddWithValue("$id", revision.RecordId);
                    history.Parameters.AddWithValue("$revision", revision.Revision);
                    history.Parameters.AddWithValue("$at", Format(revision.WrittenAt));
                    history.Parameters.AddWithValue("$change", revision.Change);
                    history.Parameters.AddWithValue("$line", revision.ManifestLine);
                    await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Only the latest <see cref="OperationsArguments.RunsKeptPerSource"/> runs of a source are kept.</remarks>
    public async Task RecordSourceRunAsync(SourceRun run, CancellationToken cancellationToken = default)
    {
        OperationsArguments.Check(run);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO source_runs (source_id, started_at, started_ticks, duration_ms, counts, run_id, queued)
                VALUES ($source, $at, $ticks, $duration, $counts, $run, $queued);
                DELETE FROM source_runs WHERE source_id = $source AND seq NOT IN
                  (SELECT seq FROM source_runs WHERE source_id = $source ORDER BY started_ticks DESC LIMIT $keep);
                """;
            command.Parameters.AddWithValue("$source", run.SourceId);
            command.Parameters.AddWithValue("$at", Format(run.StartedAt));
            command.Parameters.AddWithValue("$ticks", run.StartedAt.UtcTicks);
            command.Parameters.AddWithValue("$duration", (long)run.Duration.TotalMilliseconds);
            command.Parameters.AddWithValue("$counts", OperationsJson.Write(run.Counts));
            command.Parameters.AddWithValue("$keep", OperationsArguments.RunsKeptPerSource);
            command.Parameters.AddWithValue("$run", DbValue(run.RunId?.ToString("D")));
            command.Parameters.AddWithValue("$queued", run.Queued);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task AddToSourceRunAsync(Guid runId, SourceRunCounts counts, int queued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SqliteTransaction transaction = BeginImmediate(connection);
            await using (transaction.ConfigureAwait(false))
            {
                await AddToRunAsync(connection, transaction, runId, counts, queued, done: 0, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Adds counts to a stored run inside <paramref name="transaction"/>, whose write lock keeps two workers from adding
    /// to the same counts at once; the run's duration grows to now. Nothing happens when the run is not stored.
    /// </summary>
    private async Task AddToRunAsync(SqliteConnection connection, SqliteTransaction transaction, Guid runId, SourceRunCounts counts, int queued, int done, CancellationToken cancellationToken)
    {
        string id = runId.ToString("D");
        SourceRunCounts stored;
        long startedTicks;
        using (SqliteCommand read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT counts, started_ticks FROM source_runs WHERE run_id = $run";
            read.Parameters.AddWithValue("$run", id);
            SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                stored = OperationsJson.ReadCounts(reader.GetString(0));
                startedTicks = reader.GetInt64(1);
            }
        }

        using SqliteCommand update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE source_runs SET counts = $counts, queued = queued + $queued, done = done + $done,
              duration_ms = MAX(duration_ms, $elapsed)
            WHERE run_id = $run
            """;
        update.Parameters.AddWithValue("$counts", OperationsJson.Write(stored.Plus(counts)));
        update.Parameters.AddWithValue("$queued", queued);
        update.Parameters.AddWithValue("$done", done);
        update.Parameters.AddWithValue("$elapsed", (_time.GetUtcNow().UtcTicks - startedTicks) / TimeSpan.TicksPerMillisecond);
        update.Parameters.AddWithValue("$run", id);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RecordTranslationUsageAsync(DateTimeOffset at, long billed, long saved, CancellationToken cancellationToken = default)
    {
        OperationsArguments.CheckUsage(billed, saved);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO translation_usage (day, billed, saved) VALUES ($day, $billed, $saved)
                ON CONFLICT (day) DO UPDATE SET billed = billed + excluded.billed, saved = saved + excluded.saved
                """;
            command.Parameters.AddWithValue("$day", OperationsArguments.Day(at));
            command.Parameters.AddWithValue("$billed", billed);
            command.Parameters.AddWithValue("$saved", saved);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceRun>> LatestSourceRunsAsync(CancellationToken cancellationToken = default)
    {
        var runs = new List<SourceRun>();
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();

            // One index seek per source: the distinct ids, then each one's newest run.
            command.CommandText = """
                SELECT r.source_id, r.started_at, r.duration_ms, r.counts, r.run_id, r.queued, r.done
                FROM (SELECT DISTINCT source_id FROM source_runs) s
                JOIN source_runs r ON r.seq = (SELECT seq FROM source_runs WHERE source_id = s.source_id ORDER BY started_ticks DESC LIMIT 1)
                ORDER BY r.source_id
                """;
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    runs.Add(OperationsJson.Run(
                        reader.GetString(0),
                        Parse(reader.GetString(1)),
                        reader.GetInt64(2),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : Guid.Parse(reader.GetString(4)),
                        reader.GetInt32(5),
                        reader.GetInt32(6)));
                }
            }
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<ParkedPages> ParkedPagesAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var pages = new List<ParkedPage>();
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            long total;
            using (SqliteCommand count = connection.CreateCommand())
            {
                count.CommandText = "SELECT COUNT(*) FROM pages WHERE parked = 1";
                total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                SELECT url, outcome_reason, failures, updated_at FROM pages WHERE parked = 1
                ORDER BY updated_at DESC LIMIT $max
                """;
            command.Parameters.AddWithValue("$max", max);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    pages.Add(new ParkedPage(
                        reader.GetString(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.GetInt32(2),
                        Parse(reader.GetString(3))));
                }
            }

            return new ParkedPages(total, pages);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingLanguageCount>> PendingLanguagesAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<PendingLanguageCount>();
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            // Records share a few language lists: group by the list on the index, then count each list's languages.
            command.CommandText = "SELECT reason, languages, COUNT(*) FROM pending_translations GROUP BY reason, languages";
            var groups = new List<(string Reason, IEnumerable<string> Languages, long Records)>();
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    groups.Add((reader.GetString(0), LanguageListJson.Read(reader.GetString(1)), reader.GetInt64(2)));
                }
            }

            return OperationsArguments.PendingCounts(groups);
        }
    }

    /// <inheritdoc />
    public async Task<TranslationUsage> TranslationUsageAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                SELECT COALESCE(SUM(CASE WHEN day = $today THEN billed END), 0), COALESCE(SUM(billed), 0),
                       COALESCE(SUM(CASE WHEN day = $today THEN saved END), 0), COALESCE(SUM(saved), 0)
                FROM translation_usage WHERE day >= $month AND day <= $today
                """;
            command.Parameters.AddWithValue("$today", OperationsArguments.Day(today));
            command.Parameters.AddWithValue("$month", OperationsArguments.Day(new DateOnly(today.Year, today.Month, 1)));
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return new TranslationUsage(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Text naming a source lists that source. Other text of three characters or more is looked up in the trigram
    /// index of titles and URLs (case-insensitive with Unicode case folding); shorter text is matched with
    /// <c>LIKE</c> (a scan, case-insensitive for ASCII letters only).
    /// </para>
    /// <para>
    /// Only the conditions asked for are in a statement, so an unfiltered or per-source list walks its index in
    /// written order and a deep page skips its offset on the covering index. A search matching few records sorts
    /// those; one matching more than <see cref="OperationsArguments.SortedMatchesLimit"/> walks the written order
    /// instead and stops at the page, testing titles and URLs with <c>LIKE</c> as it goes.
    /// </para>
    /// </remarks>
    public async Task<RecordListPage> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        OperationsArguments.Check(query);
        string? text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        string? source = query.SourceId;
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (text is not null && await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM records WHERE source_id = $text)", Bind(source, text), cancellationToken).ConfigureAwait(false) == 1)
            {
                // The text is a source id: that source's records (none when another source is asked for as well).
                if (source is not null && source != text)
                {
                    return new RecordListPage(0, []);
                }

                (source, text) = (text, null);
            }

            string scope = source is null ? "" : "source_id = $source";
            string like = @"(title LIKE $pattern ESCAPE '\' OR url LIKE $pattern ESCAPE '\')";
            string keys;
            long total;
            if (text is not null && text.EnumerateRunes().Count() >= 3)
            {
                const string Hits = "rowid IN (SELECT rowid FROM records_text WHERE records_text MATCH $phrase)";
                string count = scope.Length == 0
                    ? "SELECT COUNT(*) FROM records_text WHERE records_text MATCH $phrase"
                    : $"SELECT COUNT(*) FROM records WHERE {Where(scope, Hits)}";
                total = await ScalarAsync(connection, count, Bind(source, text), cancellationToken).ConfigureAwait(false);
                keys = total <= OperationsArguments.SortedMatchesLimit
                    ? $"SELECT source_id, record_id, written_ticks FROM records WHERE {Where(scope, Hits)}"
                    : $"SELECT source_id, record_id, written_ticks FROM records WHERE {Where(scope, like)}";
            }
            else
            {
                string filter = Where(scope, text is null ? "" : like);
                string clause = filter.Length == 0 ? "" : "WHERE " + filter;
                total = await ScalarAsync(connection, $"SELECT COUNT(*) FROM records {clause}", Bind(source, text), cancellationToken).ConfigureAwait(false);
                keys = $"SELECT source_id, record_id, written_ticks FROM records {clause}";
            }

            var items = new List<CatalogedRecord>();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT r.source_id, r.record_id, r.url, r.title, r.source_language, r.revision, r.written_at, r.languages
                FROM ({keys} ORDER BY written_ticks DESC, source_id, record_id LIMIT $limit OFFSET $offset) k
                JOIN records r ON r.source_id = k.source_id AND r.record_id = k.record_id
                ORDER BY k.written_ticks DESC, k.source_id, k.record_id
                """;
            Bind(source, text)(command);
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.Parameters.AddWithValue("$offset", query.Offset);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ReadRecord(reader));
                }
            }

            return new RecordListPage(total, items);
        }

        static string Where(string scope, string match) =>
            scope.Length == 0 ? match : match.Length == 0 ? scope : scope + " AND " + match;

        static Action<SqliteCommand> Bind(string? source, string? text) => command =>
        {
            if (source is not null)
            {
                command.Parameters.AddWithValue("$source", source);
            }

            if (text is not null)
            {
                command.Parameters.AddWithValue("$text", text);
                command.Parameters.AddWithValue("$pattern", OperationsArguments.LikePattern(text));
                command.Parameters.AddWithValue("$phrase", "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            }
        };
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<CatalogedRecord?> FindRecordAsync(string sourceId, string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(recordId);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                SELECT source_id, record_id, url, title, source_language, revision, written_at, languages FROM records
                WHERE source_id = $source AND record_id = $id
                """;
            command.Parameters.AddWithValue("$source", sourceId);
            command.Parameters.AddWithValue("$id", recordId);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader) : null;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordRevision>> RevisionsAsync(string sourceId, string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(recordId);
        var revisions = new List<RecordRevision>();
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                SELECT h.revision, h.written_at, h.change, h.manifest_line, r.url, r.title, r.source_language, r.languages
                FROM record_revisions h JOIN records r ON r.source_id = h.source_id AND r.record_id = h.record_id
                WHERE h.source_id = $source AND h.record_id = $id ORDER BY h.revision, h.seq
                """;
            command.Parameters.AddWithValue("$source", sourceId);
            command.Parameters.AddWithValue("$id", recordId);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    revisions.Add(new RecordRevision(
                        sourceId,
                        recordId,
                        reader.GetInt32(0),
                        reader.GetString(4),
                        reader.GetString(5),
                        reader.GetString(6),
                        Parse(reader.GetString(1)),
                        reader.GetString(2),
                        OperationsJson.ReadLanguages(reader.GetString(7)),
                        reader.GetString(3)));
                }
            }
        }

        return revisions;
    }

    /// <inheritdoc />
    public async Task<WorkQueueView> WorkQueueAsync(CancellationToken cancellationToken = default)
    {
        long now = _time.GetUtcNow().UtcTicks;
        var held = new List<(string Owner, string Url, long Expires)>();
        long queued;
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (SqliteCommand count = connection.CreateCommand())
            {
                count.CommandText = "SELECT COUNT(*) FROM work_items WHERE lease_token IS NULL OR lease_expires_ticks <= $now";
                count.Parameters.AddWithValue("$now", now);
                queued = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                SELECT lease_owner, url, lease_expires_ticks FROM work_items
                WHERE lease_token IS NOT NULL AND lease_expires_ticks > $now ORDER BY lease_owner
                """;
            command.Parameters.AddWithValue("$now", now);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    held.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
                }
            }
        }

        return new WorkQueueView(queued, OperationsArguments.Claims(held.Select(h => (h.Owner, h.Url, new DateTimeOffset(h.Expires, TimeSpan.Zero)))));
    }

    private static CatalogedRecord ReadRecord(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        Parse(reader.GetString(6)),
        OperationsJson.ReadLanguages(reader.GetString(7)));
}
