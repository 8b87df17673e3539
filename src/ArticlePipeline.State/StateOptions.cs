namespace ArticlePipeline.State;

/// <summary>Configuration section <c>State</c>: where the pipeline remembers what it has seen.</summary>
public sealed class StateOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "State";

    /// <summary>The <see cref="Provider"/> value of the embedded SQLite store.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The <see cref="Provider"/> value of the PostgreSQL store.</summary>
    public const string Postgres = "postgres";

    /// <summary>The schema used in PostgreSQL when <see cref="Schema"/> is not set.</summary>
    public const string DefaultSchema = "articlepipeline";

    /// <summary><c>sqlite</c> (embedded, default) or <c>postgres</c> (for several workers); case-insensitive.</summary>
    /// <value><c>sqlite</c>.</value>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The connection string.</summary>
    /// <value>
    /// For SQLite, empty means <c>Data Source={Output:Directory}/state/state.db</c>. For PostgreSQL it is required,
    /// an Npgsql connection string such as <c>Host=db;Username=pipeline;Password=...;Database=pipeline</c>.
    /// </value>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL only: the schema holding the pipeline's tables, created on start-up if missing. Lower-case
    /// letters, digits and underscores, starting with a letter or underscore, at most 63 characters.
    /// </summary>
    /// <value><c>articlepipeline</c>.</value>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// The rules across fields, one line each: the provider is one of the two, and PostgreSQL has a connection string.
    /// Checked when the host starts and again by <see cref="StateStoreFactory.OpenAsync"/> for a store opened directly.
    /// </summary>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Problems()
    {
        string provider = Provider?.Trim() ?? string.Empty;
        if (!provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase) && !provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'";
        }
        else if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{SectionName}:Provider is postgres but {SectionName}:ConnectionString is empty";
        }
    }
}
