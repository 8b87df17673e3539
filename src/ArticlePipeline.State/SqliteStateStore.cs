using System.Globalization;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>The embedded state store: one SQLite file, schema created and migrated on open.</summary>
public sealed class SqliteStateStore : IStateStore
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;

    private SqliteStateStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (and creates or migrates) the store.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store.</returns>
    public static async Task<SqliteStateStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.Pooling = true;
        var store = new SqliteStateStore(builder.ToString());
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <inheritdoc />
    public async Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT etag, last_modified, content_hash, record_path, last_outcome, failures, updated_at FROM pages WHERE url = $url";
            command.Parameters.AddWithValue("$url", url.AbsoluteUri);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                string? etag = reader.IsDBNull(0) ? null : reader.GetString(0);
                DateTimeOffset? lastModified = reader.IsDBNull(1) ? null : Parse(reader.GetString(1));
                return new PageState(
                    url,
                    etag is null && lastModified is null ? null : new FetchValidators(etag, lastModified),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4),
                    reader.GetInt32(5),
                    Parse(reader.GetString(6)));
            }
        }
    }

    /// <inheritdoc />
    public async Task SavePageAsync(PageState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO pages (url, etag, last_modified, content_hash, record_path, last_outcome, failures, updated_at)
                VALUES ($url, $etag, $lastModified, $hash, $path, $outcome, $failures, $updated)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                  content_hash = excluded.content_hash, record_path = excluded.record_path,
                  last_outcome = excluded.last_outcome, failures = excluded.failures, updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$url", state.Url.AbsoluteUri);
            command.Parameters.AddWithValue("$etag", (object?)state.Validators?.ETag ?? DBNull.Value);
            command.Parameters.AddWithValue("$lastModified", (object?)Format(state.Validators?.LastModified) ?? DBNull.Value);
            command.Parameters.AddWithValue("$hash", (object?)state.ContentHash ?? DBNull.Value);
            command.Parameters.AddWithValue("$path", (object?)state.RecordPath ?? DBNull.Value);
            command.Parameters.AddWithValue("$outcome", state.LastOutcome);
            command.Parameters.AddWithValue("$failures", state.ConsecutiveFailures);
            command.Parameters.AddWithValue("$updated", Format(state.UpdatedAt));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<Uri?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT url FROM pages WHERE content_hash = $hash ORDER BY updated_at LIMIT 1";
            command.Parameters.AddWithValue("$hash", contentHash);
            object? url = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return url is string text ? new Uri(text) : null;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS pages (
                  url TEXT PRIMARY KEY,
                  etag TEXT NULL,
                  last_modified TEXT NULL,
                  content_hash TEXT NULL,
                  record_path TEXT NULL,
                  last_outcome TEXT NOT NULL,
                  failures INTEGER NOT NULL DEFAULT 0,
                  updated_at TEXT NOT NULL);
                INSERT INTO schema_version (version) SELECT $version WHERE NOT EXISTS (SELECT 1 FROM schema_version);
                """;
            command.Parameters.AddWithValue("$version", SchemaVersion);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string? Format(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
