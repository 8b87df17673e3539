using ArticlePipeline.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>Host leases: the work queue partitioned by host, so that one worker at a time fetches from a host.</summary>
/// <remarks>
/// A host is leased by one <c>INSERT ... ON CONFLICT DO UPDATE ... WHERE</c> on its row: of two workers choosing the
/// same host at once, the second finds the row locked, then re-checks the condition against the first one's lease and
/// gets nothing. Released rows stay, with the time before which the host may not be leased again (its politeness
/// interval, or a Retry-After or Crawl-delay the holder knew of), so a host handed from one worker to another never
/// sees two requests closer than that. Renewals store that time too, for a worker taking over an expired lease.
/// A worker that asks for a host by name and does not get it marks the host wanted for a moment (<c>wanted_until</c>,
/// moved on at each ask): the holder then gets no further item of the host, so it gives the host up once its requests
/// under way are answered, and no worker takes the host for its queued items until the one waiting has had its turn,
/// or stopped asking (gave up, or died) and the mark ran out. A host whose queue never empties is otherwise never free
/// for a feed on it.
/// </remarks>
internal sealed partial class PostgresStateStore
{
    /// <inheritdoc />
    public async Task<HostLease?> TryLeaseHostAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        await LeaseHostAsync(
            $"""
            WITH leasable AS (
              SELECT w.host, min(w.enqueued_at) AS since FROM {_schema}.work_items w
              LEFT JOIN {_schema}.host_leases h ON h.host = w.host
              WHERE (w.lease_token IS NULL OR w.lease_expires_at <= @now)
                AND (h.host IS NULL OR ((h.token IS NULL OR h.expires_at <= @now) AND h.free_at <= @now
                  AND (h.wanted_until IS NULL OR h.wanted_until <= @now)))
              GROUP BY w.host),
            candidate AS (SELECT host FROM leasable ORDER BY since, host LIMIT 1),
            previous AS (
              SELECT h.token IS NOT NULL AS expired FROM {_schema}.host_leases h JOIN candidate c ON c.host = h.host)
            INSERT INTO {_schema}.host_leases AS h (host, owner, token, expires_at, free_at)
            SELECT host, @owner, @token, @expires, @now FROM candidate
            ON CONFLICT (host) DO UPDATE SET owner = EXCLUDED.owner, token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
            WHERE (h.token IS NULL OR h.expires_at <= @now) AND h.free_at <= @now AND (h.wanted_until IS NULL OR h.wanted_until <= @now)
            RETURNING h.host, COALESCE((SELECT expired FROM previous), false), (SELECT count(*) FROM leasable)
            """,
            host: null,
            owner,
            leaseDuration,
            (reader, token, expiresAt) => new HostLease(reader.GetString(0), owner, token, expiresAt, reader.GetBoolean(1)) { Waiting = (int)reader.GetInt64(2) },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<HostLease?> TryLeaseNamedHostAsync(string host, string owner, TimeSpan leaseDuration, TimeSpan? wantedFor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);

        // One statement: the row is taken when free, and otherwise read back, to see whether this owner holds it.
        HostLease? lease = await LeaseHostAsync(
            $"""
            WITH previous AS (SELECT owner, token, expires_at FROM {_schema}.host_leases WHERE host = @host),
            taken AS (
              INSERT INTO {_schema}.host_leases AS h (host, owner, token, expires_at, free_at)
              VALUES (@host, @owner, @token, @expires, @now)
              ON CONFLICT (host) DO UPDATE SET owner = EXCLUDED.owner, token = EXCLUDED.token, expires_at = EXCLUDED.expires_at, wanted_until = NULL
              WHERE (h.token IS NULL OR h.expires_at <= @now) AND h.free_at <= @now
              RETURNING h.token)
            SELECT t.token, @expires, COALESCE((SELECT p.token IS NOT NULL FROM previous p), false), false FROM taken t
            UNION ALL
            SELECT p.token, p.expires_at, false, true FROM previous p
            WHERE NOT EXISTS (SELECT 1 FROM taken) AND p.owner = @owner AND p.token IS NOT NULL AND p.expires_at > @now
            """,
            host,
            owner,
            leaseDuration,
            (reader, _, _) => new HostLease(host, owner, reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2)) { Shared = reader.GetBoolean(3) },
            cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            // Held by another worker, or not yet free: wanted, so that its holder gives it up and nobody takes it for
            // its queued items before this worker's turn.
            using NpgsqlCommand wanted = _dataSource.CreateCommand($"UPDATE {_schema}.host_leases SET wanted_until = @until WHERE host = @host");
            wanted.Parameters.Add(Parameter("host", NpgsqlDbType.Text, host));
            wanted.Parameters.Add(Parameter("until", _time.GetUtcNow() + (wantedFor ?? leaseDuration)));
            await wanted.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return lease;
    }

    /// <inheritdoc />
    public async Task<bool> RenewHostAsync(HostLease lease, TimeSpan leaseDuration, DateTimeOffset? freeAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            UPDATE {_schema}.host_leases SET expires_at = @expires, free_at = GREATEST(free_at, COALESCE(@free, free_at))
            WHERE host = @host AND token = @token
            """);
        command.Parameters.Add(Parameter("host", NpgsqlDbType.Text, lease.Host));
        command.Parameters.Add(Parameter("token", NpgsqlDbType.Uuid, lease.Token));
        command.Parameters.Add(Parameter("expires", _time.GetUtcNow() + leaseDuration));
        command.Parameters.Add(Parameter("free", freeAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task ReleaseHostAsync(HostLease lease, DateTimeOffset freeAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            UPDATE {_schema}.host_leases SET owner = NULL, token = NULL, expires_at = NULL, free_at = @free
            WHERE host = @host AND token = @token
            """);
        command.Parameters.Add(Parameter("host", NpgsqlDbType.Text, lease.Host));
        command.Parameters.Add(Parameter("token", NpgsqlDbType.Uuid, lease.Token));
        command.Parameters.Add(Parameter("free", freeAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Newest first: the latest pass's items, and within a pass the order they were queued in reverse (see the cluster crawler).</remarks>
    public Task<WorkLease?> TryLeaseFromHostAsync(HostLease host, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return ClaimAsync(
            host.Owner,
            leaseDuration,
            $"""
            WHERE c.host = @host AND (c.lease_token IS NULL OR c.lease_expires_at <= @now)
              AND EXISTS (SELECT 1 FROM {_schema}.host_leases h WHERE h.host = @host AND h.token = @hostToken
                AND (h.wanted_until IS NULL OR h.wanted_until <= @now))
            ORDER BY c.enqueued_at DESC, c.seq DESC
            """,
            parameters =>
            {
                parameters.Add(Parameter("host", NpgsqlDbType.Text, host.Host));
                parameters.Add(Parameter("hostToken", NpgsqlDbType.Uuid, host.Token));
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs a host-lease statement with its owner, a new token, the expiry and the clock (and the host, when named);
    /// the lease read from its first row (given the new token and expiry), if any.
    /// </summary>
    private async Task<HostLease?> LeaseHostAsync(
        string sql, string? host, string owner, TimeSpan leaseDuration, Func<NpgsqlDataReader, Guid, DateTimeOffset, HostLease> lease, CancellationToken cancellationToken)
    {
        StateArguments.CheckLease(owner, leaseDuration);
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expiresAt = now + leaseDuration;
        var token = Guid.NewGuid();
        using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        if (host is not null)
        {
            command.Parameters.Add(Parameter("host", NpgsqlDbType.Text, host));
        }

        command.Parameters.Add(Parameter("owner", NpgsqlDbType.Text, owner));
        command.Parameters.Add(Parameter("token", NpgsqlDbType.Uuid, token));
        command.Parameters.Add(Parameter("expires", expiresAt));
        command.Parameters.Add(Parameter("now", now));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? lease(reader, token, expiresAt) : null;
        }
    }
}
