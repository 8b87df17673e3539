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
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT etag, last_modified, content_hash, record_path, outcome, failures, updated_at, next_attempt_at, parked, outcome_reason, outcome_url, revisits
            FROM {_schema}.pages WHERE url = @url
            """);
        command.Parameters.Add(Parameter("url", NpgsqlDbType.Text, url.AbsoluteUri));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            string? etag = reader.IsDBNull(0) ? null : reader.GetString(0);
            DateTimeOffset? lastModified = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            return new PageState(
                url,
                etag is null && lastModified is null ? null : new FetchValidators(etag, lastModified),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                PageOutcomes.Read(reader.GetString(4), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10)),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetBoolean(8),
                reader.GetInt32(11));
        }
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
