using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>Leased work items: a queue ordered by enqueue time, shared by every worker using the schema.</summary>
/// <remarks>
/// A lease is taken by one <c>UPDATE ... WHERE key = (SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING</c>:
/// concurrent workers skip each other's candidate rows instead of waiting, and the choice and the update are one
/// statement, so an item is never leased twice. Every later change names the lease token.
/// </remarks>
internal sealed partial class PostgresStateStore
{
    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(item);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.work_items (key, source_id, url, enqueued_at, host, run_id, listed_modified) VALUES (@key, @source, @url, @now, @host, @run, @modified)
            ON CONFLICT (key) DO NOTHING
            """);
        command.Parameters.Add(Parameter("run", NpgsqlDbType.Uuid, item.RunId));
        command.Parameters.Add(Parameter("modified", item.ListedModified));
        command.Parameters.Add(Parameter("host", NpgsqlDbType.Text, HostLease.KeyOf(item.Url)));
        command.Parameters.Add(Parameter("key", NpgsqlDbType.Text, item.Key));
        command.Parameters.Add(Parameter("source", NpgsqlDbType.Text, item.SourceId));
        command.Parameters.Add(Parameter("url", NpgsqlDbType.Text, item.Url.AbsoluteUri));
        command.Parameters.Add(Parameter("now", _time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    /// <remarks>One statement: the rows get their sequence numbers in the order given, and are visible together.</remarks>
    public async Task<IReadOnlySet<string>> EnqueueAllAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (WorkItem item in items)
        {
            StateArguments.Check(item);
        }

        var added = new HashSet<string>(StringComparer.Ordinal);
        if (items.Count == 0)
        {
            return added;
        }

        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.work_items (key, source_id, url, enqueued_at, host, run_id, listed_modified)
            SELECT i.key, i.source, i.url, @now, i.host, i.run, i.modified
            FROM unnest(@keys, @sources, @urls, @hosts, @runs, @modified) WITH ORDINALITY AS i(key, source, url, host, run, modified, n)
            ORDER BY i.n
            ON CONFLICT (key) DO NOTHING
            RETURNING key
            """);
        command.Parameters.Add(Parameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text, items.Select(i => i.Key).ToArray()));
        command.Parameters.Add(Parameter("sources", NpgsqlDbType.Array | NpgsqlDbType.Text, items.Select(i => i.SourceId).ToArray()));
        command.Parameters.Add(Parameter("urls", NpgsqlDbType.Array | NpgsqlDbType.Text, items.Select(i => i.Url.AbsoluteUri).ToArray()));
        command.Parameters.Add(Parameter("hosts", NpgsqlDbType.Array | NpgsqlDbType.Text, items.Select(i => HostLease.KeyOf(i.Url)).ToArray()));
        command.Parameters.Add(Parameter("runs", NpgsqlDbType.Array | NpgsqlDbType.Uuid, items.Select(i => i.RunId).ToArray()));
        command.Parameters.Add(Parameter("modified", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, items.Select(i => i.ListedModified?.UtcDateTime).ToArray()));
        command.Parameters.Add(Parameter("now", _time.GetUtcNow()));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                added.Add(reader.GetString(0));
            }
        }

        return added;
    }

    /// <inheritdoc />
    public Task<WorkLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        ClaimAsync(
            owner,
            leaseDuration,
            "WHERE c.lease_token IS NULL OR c.lease_expires_at <= @now ORDER BY c.enqueued_at, c.seq",
            bind: null,
            cancellationToken);

    /// <summary>
    /// Leases the first work item the inner query's <paramref name="candidates"/> (its WHERE and ORDER BY over
    /// <c>work_items c</c>, with <c>@now</c> bound) give, skipping rows other workers are claiming at this moment.
    /// </summary>
    /// <param name="owner">The worker taking it.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed.</param>
    /// <param name="candidates">The WHERE and ORDER BY of the items that may be taken.</param>
    /// <param name="bind">Binds the parameters <paramref name="candidates"/> adds, if any.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The lease, or <see langword="null"/> when no item may be taken.</returns>
    private async Task<WorkLease?> ClaimAsync(string owner, TimeSpan leaseDuration, string candidates, Action<NpgsqlParameterCollection>? bind, CancellationToken cancellationToken)
    {
        StateArguments.CheckLease(owner, leaseDuration);
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expiresAt = now + leaseDuration;
        var token = Guid.NewGuid();
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            UPDATE {_schema}.work_items w
            SET lease_owner = @owner, lease_token = @token, lease_expires_at = @expires, attempts = w.attempts + 1
            WHERE w.key = (
              SELECT c.key FROM {_schema}.work_items c
              {candidates}
              LIMIT 1
              FOR UPDATE SKIP LOCKED)
            RETURNING w.key, w.source_id, w.url, w.attempts, w.run_id, w.listed_modified
            """);
        command.Parameters.Add(Parameter("owner", NpgsqlDbType.Text, owner));
        command.Parameters.Add(Parameter("token", NpgsqlDbType.Uuid, token));
        command.Parameters.Add(Parameter("expires", expiresAt));
        command.Parameters.Add(Parameter("now", now));
        bind?.Invoke(command.Parameters);
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var item = new WorkItem(reader.GetString(0), reader.GetString(1), new Uri(reader.GetString(2)))
            {
                RunId = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                ListedModified = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            };
            return new WorkLease(item, owner, token, reader.GetInt32(3), expiresAt);
        }
    }

    /// <inheritdoc />
    /// <remarks>A lease that expired but was not taken by anyone yet can still be renewed.</remarks>
    public async Task<bool> RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        using NpgsqlCommand command = LeaseCommand(
            $"UPDATE {_schema}.work_items SET lease_expires_at = @expires WHERE key = @key AND lease_token = @token", lease);
        command.Parameters.Add(Parameter("expires", _time.GetUtcNow() + leaseDuration));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(WorkLease lease, SourceRunCounts? outcome = null, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(lease);
        string delete = $"DELETE FROM {_schema}.work_items WHERE key = @key AND lease_token = @token";
        if (outcome is null || lease.Item.RunId is not { } run)
        {
            using NpgsqlCommand command = LeaseCommand(delete, lease);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The item leaves the queue and its outcome enters its run in one transaction: counted once, or not at all.
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int deleted;
                using (var command = new NpgsqlCommand(delete, connection, transaction))
                {
                    command.Parameters.Add(Parameter("key", NpgsqlDbType.Text, lease.Item.Key));
                    command.Parameters.Add(Parameter("token", NpgsqlDbType.Uuid, lease.Token));
                    deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (deleted == 1)
                {
                    // The run is a report: if adding to it fails (a lock timeout on the run's row, unreadable counts),
                    // only that part is undone and the item is still completed, never crawled again for the report's sake.
                    await transaction.SaveAsync("run", cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await AddToRunAsync(connection, transaction, run, outcome, queued: 0, done: 1, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is NpgsqlException or System.Text.Json.JsonException)
                    {
                        await transaction.RollbackAsync("run", cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted == 1;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A no-op when the lease was lost. The item keeps its place in the queue and its attempt count.</remarks>
    public async Task ReleaseAsync(WorkLease lease, string? failure = null, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(lease);
        using NpgsqlCommand command = LeaseCommand($"""
            UPDATE {_schema}.work_items SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
              last_failure = COALESCE(@failure, last_failure)
            WHERE key = @key AND lease_token = @token
            """, lease);
        command.Parameters.Add(Parameter("failure", NpgsqlDbType.Text, failure));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        using NpgsqlCommand command = _dataSource.CreateCommand($"SELECT COUNT(*) FROM {_schema}.work_items");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<bool> HasUntakenArticlesAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT EXISTS (SELECT 1 FROM {_schema}.work_items WHERE source_id = @source AND attempts = 0 AND key NOT LIKE @discovery)
            """);
        command.Parameters.Add(Parameter("source", NpgsqlDbType.Text, sourceId));
        command.Parameters.Add(Parameter("discovery", NpgsqlDbType.Text, WorkItem.DiscoveryPrefix + "%"));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private NpgsqlCommand LeaseCommand(string sql, WorkLease lease)
    {
        NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(Parameter("key", NpgsqlDbType.Text, lease.Item.Key));
        command.Parameters.Add(Parameter("token", NpgsqlDbType.Uuid, lease.Token));
        return command;
    }
}
