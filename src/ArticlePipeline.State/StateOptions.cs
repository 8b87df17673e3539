namespace ArticlePipeline.State;

/// <summary>Configuration section <c>State</c>: where the pipeline remembers what it has seen.</summary>
public sealed class StateOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "State";

    /// <summary><c>sqlite</c> (embedded, default) or <c>postgres</c> (for several workers).</summary>
    /// <value><c>sqlite</c>.</value>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The connection string.</summary>
    /// <value>For SQLite, empty means <c>Data Source={Output:Directory}/state/state.db</c>.</value>
    public string? ConnectionString { get; set; }
}
