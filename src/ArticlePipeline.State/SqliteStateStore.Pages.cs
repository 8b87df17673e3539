using ArticlePipeline.Core.Model;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>Page state: validators, content hash, record path and retry state per canonical URL.</summary>
public sealed partial class SqliteStateStore
{
    /// <inheritdoc />
    public async Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        IReadOnlyDictionary<string, PageState> found = await GetPagesAsync([url], cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(url.AbsoluteUri);
    }

    /// <inheritdoc />
    /// <remarks>One connection and read transaction, one prepared statement run per URL (no round trips in process).</remarks>
    public async Task<IReadOnlyDictionary<string, PageState>> GetPagesAsync(IReadOnlyCollection<Uri> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var found = new Dictionary<string, PageState>(StringComparer.Ordinal);
        if (urls.Count == 0)
        {
            return found;
        }

        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for the whole list.
            SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SELECT {PageTable.Columns} FROM pages WHERE url = $url";
                SqliteParameter key = command.Parameters.Add("$url", SqliteType.Text);
                command.Prepare();
                var asked = new HashSet<string>(StringComparer.Ordinal);
                foreach (Uri url in urls)
                {
                    if (!asked.Add(url.AbsoluteUri))
                    {
                        continue;
                    }

                    key.Value = url.AbsoluteUri;
                    SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            found[url.AbsoluteUri] = ReadPage(reader, url);
                        }
                    }
                }
            }
        }

        return found;
    }

    private static PageState ReadPage(SqliteDataReader reader, Uri url)
    {
        string? etag = reader.IsDBNull(0) ? null : reader.GetString(0);
        DateTimeOffset? lastModified = ParseNullable(reader, 1);
        return new PageState(
            url,
            etag is null && lastModified is null ? null : new FetchValidators(etag, lastModified),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            PageOutcomes.Read(reader.GetString(4), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10)),
            reader.GetInt32(5),
            Parse(reader.GetString(6)),
            ParseNullable(reader, 7),
            reader.GetInt64(8) != 0,
            reader.GetInt32(11));
    }

    /// <inheritdoc />
    public async Task SavePageAsync(PageState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Url, nameof(state));
        ArgumentNullException.ThrowIfNull(state.LastOutcome, nameof(state));
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO pages (url, etag, last_modified, content_hash, record_path, last_outcome, outcome, outcome_reason, outcome_url, failures, updated_at, next_attempt_at, parked, revisits)
                VALUES ($url, $etag, $lastModified, $hash, $path, $summary, $outcome, $reason, $other, $failures, $updated, $nextAttempt, $parked, $revisits)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                  content_hash = excluded.content_hash, record_path = excluded.record_path,
                  last_outcome = excluded.last_outcome, outcome = excluded.outcome, outcome_reason = excluded.outcome_reason,
                  outcome_url = excluded.outcome_url, failures = excluded.failures, updated_at = excluded.updated_at,
                  next_attempt_at = excluded.next_attempt_at, parked = excluded.parked, revisits = excluded.revisits
                """;
            command.Parameters.AddWithValue("$url", state.Url.AbsoluteUri);
            command.Parameters.AddWithValue("$etag", DbValue(state.Validators?.ETag));
            command.Parameters.AddWithValue("$lastModified", DbValue(Format(state.Validators?.LastModified)));
            command.Parameters.AddWithValue("$hash", DbValue(state.ContentHash));
            command.Parameters.AddWithValue("$path", DbValue(state.RecordPath));
            // last_outcome keeps the one-line summary for people and for earlier versions; nothing reads it back.
            command.Parameters.AddWithValue("$summary", state.LastOutcome.ToString());
            command.Parameters.AddWithValue("$outcome", state.LastOutcome.KindName);
            command.Parameters.AddWithValue("$reason", DbValue(state.LastOutcome.Reason));
            command.Parameters.AddWithValue("$other", DbValue(state.LastOutcome.Other?.AbsoluteUri));
            command.Parameters.AddWithValue("$failures", state.ConsecutiveFailures);
            command.Parameters.AddWithValue("$updated", Format(state.UpdatedAt));
            command.Parameters.AddWithValue("$nextAttempt", DbValue(Format(state.NextAttemptAt)));
            command.Parameters.AddWithValue("$parked", state.Parked ? 1 : 0);
            command.Parameters.AddWithValue("$revisits", state.Revisits);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>When several URLs share the hash, the one stored earliest (by <see cref="PageState.UpdatedAt"/>) wins.</remarks>
    public async Task<Uri?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();

            // julianday() reads the offset, so rows written with different offsets still order by instant.
            command.CommandText = "SELECT url FROM pages WHERE content_hash = $hash ORDER BY julianday(updated_at), url LIMIT 1";
            command.Parameters.AddWithValue("$hash", contentHash);
            object? url = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return url is string text ? new Uri(text) : null;
        }
    }
}
