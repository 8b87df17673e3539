using ArticlePipeline.Core.Operations;
using ArticlePipeline.State.Operations;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>The operations journal (record catalog, source runs, translation usage) and the console's reads of it.</summary>
internal sealed partial class PostgresStateStore
{
    /// <inheritdoc />
    public async Task RecordRevisionAsync(RecordRevision revision, CancellationToken cancellationToken = default)
    {
        OperationsArguments.Check(revision);
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One batch, one round trip: the catalog entry and the history line go in together.
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                var upsert = new NpgsqlBatchCommand($"""
                    INSERT INTO {_schema}.records (source_id, record_id, url, title, source_language, revision, written_at, languages)
                    VALUES (@source, @id, @url, @title, @language, @revision, @at, @languages)
                    ON CONFLICT (source_id, record_id) DO UPDATE SET url = EXCLUDED.url, title = EXCLUDED.title,
                      source_language = EXCLUDED.source_language, revision = EXCLUDED.revision, written_at = EXCLUDED.written_at,
                      languages = EXCLUDED.languages
                    WHERE EXCLUDED.revision >= {_schema}.records.revision
                    """);
                upsert.Parameters.Add(Parameter("source", NpgsqlDbType.Text, revision.SourceId));
                upsert.Parameters.Add(Parameter("id", NpgsqlDbType.Text, revision.RecordId));
                upsert.Parameters.Add(Parameter("url", NpgsqlDbType.Text, revision.Url));
                upsert.Parameters.Add(Parameter("title", NpgsqlDbType.Text, revision.Title));
                upsert.Parameters.Add(Parameter("language", NpgsqlDbType.Text, revision.SourceLanguage));
                upsert.Parameters.Add(Parameter("revision", NpgsqlDbType.Integer, revision.Revision));
                upsert.Parameters.Add(Parameter("at", revision.WrittenAt));
                upsert.Parameters.Add(Parameter("languages", NpgsqlDbType.Text, OperationsJson.Write(revision.Languages)));
                var history = new NpgsqlBatchCommand($"""
                    INSERT INTO {_schema}.record_revisions (source_id, record_id, revision, written_at, change, manifest_line)
                    VALUES (@source, @id, @revision, @at, @change, @line)
                    """);
                history.Parameters.Add(Parameter("source", NpgsqlDbType.Text, revision.SourceId));
                history.Parameters.Add(Parameter("id", NpgsqlDbType.Text, revision.RecordId));
                history.Parameters.Add(Parameter("revision", NpgsqlDbType.Integer, revision.Revision));
                history.Parameters.Add(Parameter("at", revision.WrittenAt));
                history.Parameters.Add(Parameter("change", NpgsqlDbType.Text, revision.Change));
                history.Parameters.Add(Parameter("line", NpgsqlDbType.Text, revision.ManifestLine));
                batch.BatchCommands.Add(upsert);
                batch.BatchCommands.Add(history);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Only the latest <see cref="OperationsArguments.RunsKeptPerSource"/> runs of a source are kept.</remarks>
    public async Task RecordSourceRunAsync(SourceRun run, CancellationToken cancellationToken = default)
    {
        OperationsArguments.Check(run);
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                var insert = new NpgsqlBatchCommand($"""
                    INSERT INTO {_schema}.source_runs (source_id, started_at, duration_ms, counts, run_id, queued)
                    VALUES (@source, @at, @duration, @counts, @run, @queued)
                    """);
                insert.Parameters.Add(Parameter("run", NpgsqlDbType.Uuid, run.RunId));
                insert.Parameters.Add(Parameter("queued", NpgsqlDbType.Integer, run.Queued));
                insert.Parameters.Add(Parameter("source", NpgsqlDbType.Text, run.SourceId));
                insert.Parameters.Add(Parameter("at", run.StartedAt));
                insert.Parameters.Add(Parameter("duration", NpgsqlDbType.Bigint, (long)run.Duration.TotalMilliseconds));
                insert.Parameters.Add(Parameter("counts", NpgsqlDbType.Text, OperationsJson.Write(run.Counts)));
                var prune = new NpgsqlBatchCommand($"""
                    DELETE FROM {_schema}.source_runs WHERE source_id = @source AND seq NOT IN
                      (SELECT seq FROM {_schema}.source_runs WHERE source_id = @source ORDER BY started_at DESC LIMIT @keep)
                    """);
                prune.Parameters.Add(Parameter("source", NpgsqlDbType.Text, run.SourceId));
                prune.Parameters.Add(Parameter("keep", NpgsqlDbType.Integer, OperationsArguments.RunsKeptPerSource));
                batch.BatchCommands.Add(insert);
                batch.BatchCommands.Add(prune);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task AddToSourceRunAsync(Guid runId, SourceRunCounts counts, int queued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await AddToRunAsync(connection, transaction, runId, counts, queued, done: 0, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Adds counts to a stored run inside <paramref name="transaction"/>; the row is locked from the read to the update,
    /// so workers completing articles of one run at once add to each other's counts instead of overwriting them. The
    /// run's duration grows to now. Nothing happens when the run is not stored.
    /// </summary>
    private async Task AddToRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, SourceRunCounts counts, int queued, int done, CancellationToken cancellationToken)
    {
        SourceRunCounts stored;
        using (var read = new NpgsqlCommand($"SELECT counts FROM {_schema}.source_runs WHERE run_id = @run FOR UPDATE", connection, transaction))
        {
            read.Parameters.Add(Parameter("run", NpgsqlDbType.Uuid, runId));
            if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string json)
            {
                return;
            }

            stored = OperationsJson.ReadCounts(json);
        }

        using var update = new NpgsqlCommand($"""
            UPDATE {_schema}.source_runs SET counts = @counts, queued = queued + @queued, done = done + @done,
              duration_ms = GREATEST(duration_ms, (EXTRACT(EPOCH FROM (@now - started_at)) * 1000)::bigint)
            WHERE run_id = @run
            """, connection, transaction);
        update.Parameters.Add(Parameter("counts", NpgsqlDbType.Text, OperationsJson.Write(stored.Plus(counts))));
        update.Parameters.Add(Parameter("queued", NpgsqlDbType.Integer, queued));
        update.Parameters.Add(Parameter("done", NpgsqlDbType.Integer, done));
        update.Parameters.Add(Parameter("now", _time.GetUtcNow()));
        update.Parameters.Add(Parameter("run", NpgsqlDbType.Uuid, runId));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RecordTranslationUsageAsync(DateTimeOffset at, long billed, long saved, CancellationToken cancellationToken = default)
    {
        OperationsArguments.CheckUsage(billed, saved);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.translation_usage AS u (day, billed, saved) VALUES (@day, @billed, @saved)
            ON CONFLICT (day) DO UPDATE SET billed = u.billed + EXCLUDED.billed, saved = u.saved + EXCLUDED.saved
            """);
        command.Parameters.Add(Parameter("day", NpgsqlDbType.Date, DateOnly.FromDateTime(at.UtcDateTime)));
        command.Parameters.Add(Parameter("billed", NpgsqlDbType.Bigint, billed));
        command.Parameters.Add(Parameter("saved", NpgsqlDbType.Bigint, saved));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceRun>> LatestSourceRunsAsync(CancellationToken cancellationToken = default)
    {
        var runs = new List<SourceRun>();
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT DISTINCT ON (source_id) source_id, started_at, duration_ms, counts, run_id, queued, done FROM {_schema}.source_runs
            ORDER BY source_id, started_at DESC
            """);
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(OperationsJson.Run(
                    reader.GetString(0),
                    reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    reader.GetInt32(5),
                    reader.GetInt32(6)));
            }
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<ParkedPages> ParkedPagesAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        long total;
        using (NpgsqlCommand count = _dataSource.CreateCommand($"SELECT COUNT(*) FROM {_schema}.pages WHERE parked"))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var pages = new List<ParkedPage>();
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT url, outcome_reason, failures, updated_at FROM {_schema}.pages WHERE parked ORDER BY updated_at DESC LIMIT @max
            """);
        command.Parameters.Add(Parameter("max", NpgsqlDbType.Integer, max));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pages.Add(new ParkedPage(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetInt32(2),
                    reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return new ParkedPages(total, pages);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingLanguageCount>> PendingLanguagesAsync(CancellationToken cancellationToken = default)
    {
        // Records share a few language lists: group by the list on the index, then count each list's languages.
        var groups = new List<(string Reason, IEnumerable<string> Languages, long Records)>();
        using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT reason, languages, COUNT(*) FROM {_schema}.pending_translations GROUP BY reason, languages");
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                groups.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetInt64(2)));
            }
        }

        return OperationsArguments.PendingCounts(groups);
    }

    /// <inheritdoc />
    public async Task<TranslationUsage> TranslationUsageAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT COALESCE(SUM(billed) FILTER (WHERE day = @today), 0)::bigint, COALESCE(SUM(billed), 0)::bigint,
                   COALESCE(SUM(saved) FILTER (WHERE day = @today), 0)::bigint, COALESCE(SUM(saved), 0)::bigint
            FROM {_schema}.translation_usage WHERE day >= @month AND day <= @today
            """);
        command.Parameters.Add(Parameter("today", NpgsqlDbType.Date, today));
        command.Parameters.Add(Parameter("month", NpgsqlDbType.Date, new DateOnly(today.Year, today.Month, 1)));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new TranslationUsage(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Text naming a source lists that source; other text is matched with <c>ILIKE</c> (case-insensitive in the
    /// database's collation) on the trigram indexes of titles and URLs when <c>pg_trgm</c> is there. Only the
    /// conditions asked for are in the statement, so an unfiltered or per-source list walks its index in written order.
    /// </remarks>
    public async Task<RecordListPage> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        OperationsArguments.Check(query);
        string? text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        if (text is not null)
        {
            using NpgsqlCommand exists = _dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {_schema}.records WHERE source_id = @text)");
            exists.Parameters.Add(Parameter("text", NpgsqlDbType.Text, text));
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                // The text is a source id: that source's records (none when another source is asked for as well).
                if (query.SourceId is not null && query.SourceId != text)
                {
                    return new RecordListPage(0, []);
                }

                (query, text) = (query with { SourceId = text, Text = null }, null);
            }
        }

        string where = OperationsArguments.RecordFilter(query.SourceId is not null, text is not null, "@", "ILIKE", "");
        long total;
        using (NpgsqlCommand count = _dataSource.CreateCommand($"SELECT COUNT(*) FROM {_schema}.records {where}"))
        {
            AddQuery(count, query, text);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var items = new List<CatalogedRecord>();
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT r.source_id, r.record_id, r.url, r.title, r.source_language, r.revision, r.written_at, r.languages
            FROM (SELECT source_id, record_id, written_at FROM {_schema}.records {where}
                  ORDER BY written_at DESC, source_id, record_id LIMIT @limit OFFSET @offset) k
            JOIN {_schema}.records r ON r.source_id = k.source_id AND r.record_id = k.record_id
            ORDER BY k.written_at DESC, k.source_id, k.record_id
            """);
        AddQuery(command, query, text);
        command.Parameters.Add(Parameter("limit", NpgsqlDbType.Integer, query.Limit));
        command.Parameters.Add(Parameter("offset", NpgsqlDbType.Integer, query.Offset));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ReadRecord(reader));
            }
        }

        return new RecordListPage(total, items);

        static void AddQuery(NpgsqlCommand command, RecordQuery query, string? text)
        {
            if (query.SourceId is not null)
            {
                command.Parameters.Add(Parameter("source", NpgsqlDbType.Text, query.SourceId));
            }

            if (text is not null)
            {
                command.Parameters.Add(Parameter("pattern", NpgsqlDbType.Text, OperationsArguments.LikePattern(text)));
            }
        }
    }

    /// <inheritdoc />
    public async Task<CatalogedRecord?> FindRecordAsync(string sourceId, string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(recordId);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT source_id, record_id, url, title, source_language, revision, written_at, languages FROM {_schema}.records
            WHERE source_id = @source AND record_id = @id
            """);
        command.Parameters.Add(Parameter("source", NpgsqlDbType.Text, sourceId));
        command.Parameters.Add(Parameter("id", NpgsqlDbType.Text, recordId));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader) : null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordRevision>> RevisionsAsync(string sourceId, string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(recordId);
        var revisions = new List<RecordRevision>();
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT h.revision, h.written_at, h.change, h.manifest_line, r.url, r.title, r.source_language, r.languages
            FROM {_schema}.record_revisions h JOIN {_schema}.records r ON r.source_id = h.source_id AND r.record_id = h.record_id
            WHERE h.source_id = @source AND h.record_id = @id ORDER BY h.revision, h.seq
            """);
        command.Parameters.Add(Parameter("source", NpgsqlDbType.Text, sourceId));
        command.Parameters.Add(Parameter("id", NpgsqlDbType.Text, recordId));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
                    reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetString(2),
                    OperationsJson.ReadLanguages(reader.GetString(7)),
                    reader.GetString(3)));
            }
        }

        return revisions;
    }

    /// <inheritdoc />
    public async Task<WorkQueueView> WorkQueueAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        long queued;
        using (NpgsqlCommand count = _dataSource.CreateCommand(
            $"SELECT COUNT(*) FROM {_schema}.work_items WHERE lease_token IS NULL OR lease_expires_at <= @now"))
        {
            count.Parameters.Add(Parameter("now", now));
            queued = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var held = new List<(string Owner, string Url, DateTimeOffset Expires)>();
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT lease_owner, url, lease_expires_at FROM {_schema}.work_items
            WHERE lease_token IS NOT NULL AND lease_expires_at > @now ORDER BY lease_owner
            """);
        command.Parameters.Add(Parameter("now", now));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                held.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        // The hosts each worker leases (issue 13), whether or not it holds one of their items at this moment.
        var leased = new List<(string Owner, string Host, DateTimeOffset Expires)>();
        using NpgsqlCommand leases = _dataSource.CreateCommand($"""
            SELECT owner, host, expires_at FROM {_schema}.host_leases
            WHERE token IS NOT NULL AND expires_at > @now ORDER BY owner, host
            """);
        leases.Parameters.Add(Parameter("now", now));
        NpgsqlDataReader hosts = await leases.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (hosts.ConfigureAwait(false))
        {
            while (await hosts.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leased.Add((hosts.IsDBNull(0) ? "" : hosts.GetString(0), hosts.GetString(1), hosts.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        return new WorkQueueView(queued, OperationsArguments.Claims(held, leased));
    }

    private static CatalogedRecord ReadRecord(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        OperationsJson.ReadLanguages(reader.GetString(7)));
}
