using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>The embedded state store: one SQLite file, schema created and migrated on open.</summary>
/// <remarks>
/// <para>
/// The file is opened in WAL mode with a busy timeout, so readers never block the writer and several processes
/// can share one file: each operation is a single statement or a short transaction, and taking a lease runs in
/// a <c>BEGIN IMMEDIATE</c> transaction so two processes can never take the same item.
/// </para>
/// <para>
/// The schema version is the highest row of the <c>schema_version</c> table; opening applies the missing
/// migrations of <see cref="SqliteMigrations"/> in one immediate transaction, so concurrent starts are safe.
/// </para>
/// </remarks>
public sealed partial class SqliteStateStore : IPipelineStateStore
{
    /// <summary>How long a statement waits for another connection's write lock before failing, in milliseconds.</summary>
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private SqliteStateStore(string connectionString, TimeProvider time, int schemaVersion, int found)
    {
        _connectionString = connectionString;
        _time = time;
        SchemaVersion = schemaVersion;
        SchemaVersionFound = found;
    }

    /// <inheritdoc />
    public string Provider => StateOptions.Sqlite;

    /// <inheritdoc />
    public int SchemaVersion { get; }

    /// <inheritdoc />
    public int SchemaVersionFound { get; }

    /// <summary>The latest schema version this code knows.</summary>
    internal static int LatestSchemaVersion => SqliteMigrations.All[^1].Version;

    /// <summary>Opens (and creates or migrates) the store, using the system clock.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store.</returns>
    public static Task<SqliteStateStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, null, cancellationToken);

    /// <summary>Opens (and creates or migrates) the store.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string; the file's folder is created if missing.</param>
    /// <param name="time">The clock for lease expiry and timestamps; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">The file has a newer schema than this code knows.</exception>
    public static async Task<SqliteStateStore> OpenAsync(string connectionString, TimeProvider? time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.Pooling = true;
        string normalized = builder.ToString();
        (int found, int version) = await MigrateAsync(normalized, cancellationToken).ConfigureAwait(false);
        return new SqliteStateStore(normalized, time ?? TimeProvider.System, version, found);
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private static async Task<(int Found, int Version)> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        SqliteConnection connection = await OpenConnectionAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The journal mode cannot change inside a transaction, and it is a property of the file: set it first.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);

            // A second process starting at the same moment waits here, then sees the migrations as done.
            SqliteTransaction transaction = BeginImmediate(connection);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken)
                    .ConfigureAwait(false);
                int current;
                using (SqliteCommand read = connection.CreateCommand())
                {
                    read.Transaction = transaction;
                    read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
                    current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                if (current > LatestSchemaVersion)
                {
                    throw new InvalidOperationException(
                        $"The state database has schema version {current}, newer than the {LatestSchemaVersion} this version of ArticlePipeline knows; "
                        + "upgrade ArticlePipeline or point State:ConnectionString at another file.");
                }

                foreach (StateMigration migration in SqliteMigrations.All.Where(m => m.Version > current))
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                    using SqliteCommand record = connection.CreateCommand();
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO schema_version (version) VALUES ($version);";
                    record.Parameters.AddWithValue("$version", migration.Version);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (current, LatestSchemaVersion);
            }
        }
    }

    /// <summary>Starts a transaction that takes the write lock at once (<c>BEGIN IMMEDIATE</c>), not at its first write.</summary>
    /// <remarks>
    /// A deferred transaction that reads and then writes can fail with SQLITE_BUSY_SNAPSHOT when another process
    /// committed in between; an immediate one waits (busy timeout) for the lock and then sees the latest data.
    /// </remarks>
    private static SqliteTransaction BeginImmediate(SqliteConnection connection) =>
        connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SqliteConnection> OpenConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        OpenConnectionAsync(_connectionString, cancellationToken);

    private static object DbValue(string? value) => (object?)value ?? DBNull.Value;

    private static string? Format(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static DateTimeOffset? ParseNullable(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Parse(reader.GetString(ordinal));
}
