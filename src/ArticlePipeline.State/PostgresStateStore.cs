using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>The shared state store for several workers: PostgreSQL through Npgsql, tables in one schema.</summary>
/// <remarks>
/// <para>
/// Opening creates the schema and applies the missing migrations of <see cref="PostgresMigrations"/> in one
/// transaction holding <c>pg_advisory_xact_lock</c> on a key derived from the schema name, so workers starting
/// together migrate once and the others wait, then see the schema current. The role needs CREATE on the database
/// the first time (or an existing schema it owns).
/// </para>
/// <para>
/// Times are stored as <c>timestamptz</c>: they come back in UTC (same instant, offset 0) and to the microsecond.
/// </para>
/// <para>
/// Clock-skew assumption: lease expiry is computed and compared with the injected <see cref="TimeProvider"/> of
/// whichever worker takes or renews a lease, not the server's clock (so tests can move time). Workers' clocks must
/// agree to well within a lease duration (NTP gives milliseconds); a worker whose clock runs ahead by <c>d</c>
/// takes over expired leases up to <c>d</c> early, which only matters if <c>d</c> approaches the lease duration.
/// Even then no update is lost: complete, renew and release check the lease token.
/// </para>
/// </remarks>
internal sealed partial class PostgresStateStore : IPipelineStateStore, Core.Abstractions.IHostLeaseStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>The quoted schema name, validated, for use in statements.</summary>
    private readonly string _schema;

    private PostgresStateStore(NpgsqlDataSource dataSource, string schema, TimeProvider time)
    {
        _dataSource = dataSource;
        _schema = Quote(schema);
        _time = time;
    }

    /// <inheritdoc />
    public string Provider => StateOptions.Postgres;

    /// <inheritdoc />
    public int SchemaVersion { get; private set; }

    /// <inheritdoc />
    public int SchemaVersionFound { get; private set; }

    /// <summary>The latest schema version this code knows.</summary>
    internal static int LatestSchemaVersion => PostgresMigrations.For("s")[^1].Version;

    /// <summary>Opens (and creates or migrates) the store.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding the tables; see <see cref="StateOptions.Schema"/>.</param>
    /// <param name="time">The clock for lease expiry and timestamps; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">The connection string or the schema name is invalid.</exception>
    /// <exception cref="InvalidOperationException">The schema is newer than this code knows.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refused a statement.</exception>
    public static async Task<PostgresStateStore> OpenAsync(
        string connectionString,
        string schema,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        CheckSchemaName(schema);
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresStateStore(dataSource, schema, time ?? TimeProvider.System);
        try
        {
            (store.SchemaVersionFound, store.SchemaVersion) = await store.MigrateAsync(schema, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Throws unless <paramref name="schema"/> is a plain lower-case PostgreSQL identifier.</summary>
    /// <param name="schema">The schema name.</param>
    internal static void CheckSchemaName(string? schema)
    {
        if (schema is null || !SchemaNamePattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"Invalid State:Schema '{schema}': use lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.",
                nameof(schema));
        }
    }

    /// <summary>Closes the data source and its pooled connections.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<(int Found, int Version)> MigrateAsync(string schema, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Taken before anything else, even CREATE SCHEMA IF NOT EXISTS, which races with itself otherwise.
                using (NpgsqlCommand command = new("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
                {
                    command.Parameters.Add(new NpgsqlParameter<long>("key", MigrationLockKey(schema)));
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                string setUp = $"""
                    CREATE SCHEMA IF NOT EXISTS {_schema};
                    CREATE TABLE IF NOT EXISTS {_schema}.schema_version (
                      version integer PRIMARY KEY,
                      description text NOT NULL,
                      applied_at timestamptz NOT NULL DEFAULT now());
                    """;
                using (NpgsqlCommand command = new(setUp, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                int current;
                using (NpgsqlCommand command = new($"SELECT COALESCE(MAX(version), 0) FROM {_schema}.schema_version", connection, transaction))
                {
                    current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                int latest = LatestSchemaVersion;
                if (current > latest)
                {
                    throw new InvalidOperationException(
                        $"The state schema {_schema} has version {current}, newer than the {latest} this version of ArticlePipeline knows; "
                        + "upgrade ArticlePipeline or configure another State:Schema.");
                }

                foreach (StateMigration migration in PostgresMigrations.For(_schema).Where(m => m.Version > current))
                {
                    using (NpgsqlCommand command = new(migration.Sql, connection, transaction))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    using NpgsqlCommand record = new(
                        $"INSERT INTO {_schema}.schema_version (version, description) VALUES (@version, @description)", connection, transaction);
                    record.Parameters.Add(new NpgsqlParameter<int>("version", migration.Version));
                    record.Parameters.Add(new NpgsqlParameter<string>("description", migration.Description));
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (current, latest);
            }
        }
    }

    /// <summary>A stable advisory lock key per schema, so stores in different schemas do not wait for each other.</summary>
    private static long MigrationLockKey(string schema) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("ArticlePipeline.State/" + schema)));

    private static string Quote(string schema) => "\"" + schema + "\"";

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    /// <summary>timestamptz takes only UTC values from Npgsql.</summary>
    private static NpgsqlParameter Parameter(string name, DateTimeOffset? value) =>
        Parameter(name, NpgsqlDbType.TimestampTz, value?.ToUniversalTime());

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaNamePattern();
}
