using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>Opens the configured state store, creating or migrating its schema.</summary>
public static class StateStoreFactory
{
    /// <summary>Opens the store chosen by <see cref="StateOptions.Provider"/>.</summary>
    /// <param name="options">The <c>State</c> options.</param>
    /// <param name="outputDirectory">The output folder; the default SQLite file is <c>{outputDirectory}/state/state.db</c>.</param>
    /// <param name="time">The clock for lease expiry and timestamps; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store; dispose it when done.</returns>
    /// <exception cref="ArgumentException">
    /// The provider is unknown, PostgreSQL has no connection string, or the schema name is invalid.
    /// </exception>
    public static async Task<IPipelineStateStore> OpenAsync(
        StateOptions options,
        string outputDirectory,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        if (options.Provider!.Trim().Equals(StateOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            string connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? DefaultSqliteConnectionString(outputDirectory)
                : options.ConnectionString;
            return await SqliteStateStore.OpenAsync(connectionString, time, cancellationToken).ConfigureAwait(false);
        }

        string schema = string.IsNullOrWhiteSpace(options.Schema) ? StateOptions.DefaultSchema : options.Schema;
        return await PostgresStateStore.OpenAsync(options.ConnectionString!, schema, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SQLite connection string used when none is configured.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <returns><c>Data Source={outputDirectory}/state/state.db</c>, quoted as needed.</returns>
    public static string DefaultSqliteConnectionString(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(outputDirectory, "state", "state.db") }.ToString();
    }
}
