using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>Leased work items: a queue ordered by enqueue time, shared by every process using the file.</summary>
/// <remarks>
/// Lease expiry is stored as UTC ticks from the injected clock. Every change to a leased item names the lease
/// token, so a worker whose lease expired and was taken over cannot complete, renew or release the new lease.
/// </remarks>
public sealed partial class SqliteStateStore
{
    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(item);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO work_items (key, source_id, url, enqueued_ticks, run_id, listed_modified_ticks) VALUES ($key, $source, $url, $now, $run, $modified)
                ON CONFLICT (key) DO NOTHING
                """;
            command.Parameters.AddWithValue("$run", DbValue(item.RunId?.ToString("D")));
            command.Parameters.AddWithValue("$modified", item.ListedModified is { } modified ? modified.UtcTicks : DBNull.Value);
            command.Parameters.AddWithValue("$key", item.Key);
            command.Parameters.AddWithValue("$source", item.SourceId);
            command.Parameters.AddWithValue("$url", item.Url.AbsoluteUri);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    /// <inheritdoc />
    /// <remarks>One item after the other: the file has no host leases, so no holder waits for a discovery's articles.</remarks>
    public async Task<IReadOnlySet<string>> EnqueueAllAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (WorkItem item in items)
        {
            if (await EnqueueAsync(item, cancellationToken).ConfigureAwait(false))
            {
                added.Add(item.Key);
            }
        }

        return added;
    }

    /// <inheritdoc />
    public async Task<WorkLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        StateArguments.CheckLease(owner, leaseDuration);
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expiresAt = now + leaseDuration;
        var token = Guid.NewGuid();
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE holds the file's write lock from the choice of the item to the commit, so two
            // processes cannot both pick the same item.
            SqliteTransaction transaction = BeginImmediate(connection);
            await using (transaction.ConfigureAwait(false))
            {
                WorkLease? lease = null;
                using (SqliteCommand command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = """
                        UPDATE work_items
                        SET lease_owner = $owner, lease_token = $token, lease_expires_ticks = $expires, attempts = attempts + 1
                        WHERE seq = (
                          SELECT seq FROM work_items
                          WHERE lease_token IS NULL OR lease_expires_ticks <= $now
                          ORDER BY enqueued_ticks, seq
                          LIMIT 1)
                        RETURNING key, source_id, url, attempts, run_id, listed_modified_ticks
                        """;
                    command.Parameters.AddWithValue("$owner", owner);
                    command.Parameters.AddWithValue("$token", token.ToString("D"));
                    command.Parameters.AddWithValue("$expires", expiresAt.UtcTicks);
                    command.Parameters.AddWithValue("$now", now.UtcTicks);
                    SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var item = new WorkItem(reader.GetString(0), reader.GetString(1), new Uri(reader.GetString(2)))
                            {
                                RunId = reader.IsDBNull(4) ? null : Guid.Parse(reader.GetString(4)),
                                ListedModified = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                            };
                            lease = new WorkLease(item, owner, token, reader.GetInt32(3), expiresAt);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return lease;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A lease that expired but was not taken by anyone yet can still be renewed.</remarks>
    public async Task<bool> RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        long expires = (_time.GetUtcNow() + leaseDuration).UtcTicks;
        return await ExecuteForLeaseAsync(
            "UPDATE work_items SET lease_expires_ticks = $expires WHERE key = $key AND lease_token = $token",
            lease,
            command => command.Parameters.AddWithValue("$expires", expires),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(WorkLease lease, SourceRunCounts? outcome = null, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(lease);
        const string Delete = "DELETE FROM work_items WHERE key = $key AND lease_token = $token";
        if (outcome is null || lease.Item.RunId is not { } run)
        {
            return await ExecuteForLeaseAsync(Delete, lease, null, cancellationToken).ConfigureAwait(false) == 1;
        }

        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The item leaves the queue and its outcome enters its run in one transaction: counted once, or not at all.
            SqliteTransaction transaction = BeginImmediate(connection);
            await using (transaction.ConfigureAwait(false))
            {
                int deleted;
                using (SqliteCommand command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = Delete;
                    command.Parameters.AddWithValue("$key", lease.Item.Key);
                    command.Parameters.AddWithValue("$token", lease.Token.ToString("D"));
                    deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (deleted == 1)
                {
                    // The run is a report: if adding to it fails (unreadable counts), the item is still completed, never
                    // crawled again for the report's sake. The read comes before the one write, so nothing is half done.
                    try
                    {
                        await AddToRunAsync(connection, transaction, run, outcome, queued: 0, done: 1, cancellationToken).ConfigureAwait(false);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        // The run's counts do not parse: the run stays as it is.
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
        await ExecuteForLeaseAsync(
            """
            UPDATE work_items SET lease_owner = NULL, lease_token = NULL, lease_expires_ticks = NULL,
              last_failure = COALESCE($failure, last_failure)
            WHERE key = $key AND lease_token = $token
            """,
            lease,
            command => command.Parameters.AddWithValue("$failure", DbValue(failure)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM work_items";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public async Task<bool> HasUntakenArticlesAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM work_items WHERE source_id = $source AND attempts = 0 AND substr(key, 1, length($discovery)) <> $discovery)";
            command.Parameters.AddWithValue("$source", sourceId);
            command.Parameters.AddWithValue("$discovery", WorkItem.DiscoveryPrefix);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1;
        }
    }

    private async Task<int> ExecuteForLeaseAsync(string sql, WorkLease lease, Action<SqliteCommand>? addParameters, CancellationToken cancellationToken)
    {
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$key", lease.Item.Key);
            command.Parameters.AddWithValue("$token", lease.Token.ToString("D"));
            addParameters?.Invoke(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
