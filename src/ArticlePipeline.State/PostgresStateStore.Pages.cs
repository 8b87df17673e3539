using ArticlePipeline.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>Page state: validators, content hash, record path and retry state per canonical URL.</summary>
internal sealed partial class PostgresStateStore
{
    /// <inheritdoc />
    public async Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using NpgsqlCommand command = _dataSource.CreateCommand($"SELECT {PageTable.Columns} FROM {_schema}.pages WHERE url = @url");
        command.Parameters.Add(Parameter("url", NpgsqlDbType.Text, url.AbsoluteUri));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPage(reader, url, 0) : null;
        }
    }

    /// <inheritdoc />
    /// <remarks>One statement for all of them (<c>url = ANY(@urls)</c>).</remarks>
    public async Task<IReadOnlyDictionary<string, PageState>> GetPagesAsync(IReadOnlyCollection<Uri> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var found = new Dictionary<string, PageState>(StringComparer.Ordinal);
        string[] keys = [.. urls.Select(u => u.AbsoluteUri).Distinct(StringComparer.Ordinal)];
        if (keys.Length == 0)
        {
            return found;
        }

        using NpgsqlCommand command = _dataSource.CreateCommand($"SELECT url, {PageTable.Columns} FROM {_schema}.pages WHERE url = ANY(@urls)");
        command.Parameters.Add(Parameter("urls", NpgsqlDbType.Array | NpgsqlDbType.Text, keys));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                string url = reader.GetString(0);
                found[url] = ReadPage(reader, new Uri(url), 1);
            }
        }

        return found;
    }

    /// <summary>A page's state from the <see cref="PageTable.Columns"/> starting at column <paramref name="at"/>.</summary>
    private static PageState ReadPage(NpgsqlDataReader reader, Uri url, int at)
    {
        string? etag = reader.IsDBNull(at) ? null : reader.GetString(at);
        DateTimeOffset? lastModified = reader.IsDBNull(at + 1) ? null : reader.GetFieldValue<DateTimeOffset>(at + 1);
        return new PageState(
            url,
            etag is null && lastModified is null ? null : new FetchValidators(etag, lastModified),
            reader.IsDBNull(at + 2) ? null : reader.GetString(at + 2),
            reader.IsDBNull(at + 3) ? null : reader.GetString(at + 3),
            PageOutcomes.Read(reader.GetString(at + 4), reader.IsDBNull(at + 9) ? null : reader.GetString(at + 9), reader.IsDBNull(at + 10) ? null : reader.GetString(at + 10)),
            reader.GetInt32(at + 5),
            reader.GetFieldValue<DateTimeOffset>(at + 6),
            reader.IsDBNull(at + 7) ? null : reader.GetFieldValue<DateTimeOffset>(at + 7),
            reader.GetBoolean(at + 8),
            reader.GetInt32(at + 11));
    }

    /// <inheritdoc />
    public async Task SavePageAsync(PageState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Url, nameof(state));
        ArgumentNullException.ThrowIfNull(state.LastOutcome, nameof(state));
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.pages (url, etag, last_modified, content_hash, record_path, last_outcome, outcome, outcome_reason, outcome_url, failures, updated_at, next_attempt_at, parked, revisits)
            VALUES (@url, @etag, @lastModified, @hash, @path, @summary, @outcome, @reason, @other, @failures, @updated, @nextAttempt, @parked, @revisits)
            ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
              content_hash = EXCLUDED.content_hash, record_path = EXCLUDED.record_path,
              last_outcome = EXCLUDED.last_outcome, outcome = EXCLUDED.outcome, outcome_reason = EXCLUDED.outcome_reason,
              outcome_url = EXCLUDED.outcome_url, failures = EXCLUDED.failures, updated_at = EXCLUDED.updated_at,
              next_attempt_at = EXCLUDED.next_attempt_at, parked = EXCLUDED.parked, revisits = EXCLUDED.revisits
            """);
        command.Parameters.Add(Parameter("url", NpgsqlDbType.Text, state.Url.AbsoluteUri));
        command.Parameters.Add(Parameter("etag", NpgsqlDbType.Text, state.Validators?.ETag));
        command.Parameters.Add(Parameter("lastModified", state.Validators?.LastModified));
        command.Parameters.Add(Parameter("hash", NpgsqlDbType.Text, state.ContentHash));
        command.Parameters.Add(Parameter("path", NpgsqlDbType.Text, state.RecordPath));
        // last_outcome keeps the one-line summary for people and for earlier versions; nothing reads it back.
        command.Parameters.Add(Parameter("summary", NpgsqlDbType.Text, state.LastOutcome.ToString()));
        command.Parameters.Add(Parameter("outcome", NpgsqlDbType.Text, state.LastOutcome.KindName));
        command.Parameters.Add(Parameter("reason", NpgsqlDbType.Text, state.LastOutcome.Reason));
        command.Parameters.Add(Parameter("other", NpgsqlDbType.Text, state.LastOutcome.Other?.AbsoluteUri));
        command.Parameters.Add(Parameter("failures", NpgsqlDbType.Integer, state.ConsecutiveFailures));
        command.Parameters.Add(Parameter("updated", state.UpdatedAt));
        command.Parameters.Add(Parameter("nextAttempt", state.NextAttemptAt));
        command.Parameters.Add(Parameter("parked", NpgsqlDbType.Boolean, state.Parked));
        command.Parameters.Add(Parameter("revisits", NpgsqlDbType.Integer, state.Revisits));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>When several URLs share the hash, the one stored earliest (by <see cref="PageState.UpdatedAt"/>) wins.</remarks>
    public async Task<Uri?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT url FROM {_schema}.pages WHERE content_hash = @hash ORDER BY updated_at, url LIMIT 1");
        command.Parameters.Add(Parameter("hash", NpgsqlDbType.Text, contentHash));
        object? url = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return url is string text ? new Uri(text) : null;
    }
}
