using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State.Tests;

/// <summary>The contract against a real PostgreSQL server, each test in its own schema, dropped afterwards.</summary>
[TestFixture]
[Category("PostgreSQL")]
public sealed partial class PostgresStateStoreContractTests : StateStoreContractTests
{
    private static readonly string RunPrefix = "ap_test_" + Guid.NewGuid().ToString("N")[..8];
    private static int _schemas;
    private string _schema = string.Empty;

    protected override StateOptions Options => new()
    {
        Provider = StateOptions.Postgres,
        ConnectionString = PostgresTestServer.ConnectionString,
        Schema = _schema,
    };

    protected override string OutputDirectory => Path.GetTempPath();

    protected override (string Provider, string ConnectionString, string? Schema) WorkerArguments =>
        (StateOptions.Postgres, PostgresTestServer.ConnectionString, _schema);

    [OneTimeSetUp]
    public Task RequireServer() => PostgresTestServer.RequireAsync();

    [OneTimeTearDown]
    public async Task DropLeftoverSchemas()
    {
        if (await PostgresTestServer.IsReachableAsync())
        {
            await PostgresTestServer.DropSchemasAsync(RunPrefix);
        }
    }

    [Test]
    public async Task OpenAsync_RecordsEachMigrationInTheVersionTable()
    {
        IPipelineStateStore store = await OpenAsync();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresTestServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT max(version), count(*), bool_and(description <> '') FROM {_schema}.schema_version", connection);
        await using Npgsql.NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.GetInt32(0), Is.EqualTo(store.SchemaVersion));
            Assert.That(reader.GetInt64(1), Is.EqualTo(store.SchemaVersion));
            Assert.That(reader.GetBoolean(2), Is.True);
        }
    }

    [Test]
    public async Task OpenAsync_SchemaNewerThanTheCode_RefusesWithAClearMessage()
    {
        await (await OpenAsync()).DisposeAsync();
        await PostgresTestServer.ExecuteAsync($"INSERT INTO {_schema}.schema_version (version, description) VALUES (999, 'from the future')");

        InvalidOperationException? error = Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync());

        Assert.That(error?.Message, Does.Contain("999").And.Contain("upgrade"));
    }

    [Test]
    public async Task SavePageAsync_TimesComeBackAsTheSameInstantInUtc()
    {
        IPipelineStateStore store = await OpenAsync();
        var updated = new DateTimeOffset(2025, 6, 23, 14, 0, 0, TimeSpan.FromHours(7));
        var url = new Uri("https://example.vn/utc");

        await store.SavePageAsync(new PageState(url, null, null, null, PageOutcome.Written, 0, updated));

        DateTimeOffset? read = (await store.GetPageAsync(url))?.UpdatedAt;
        Assert.That(read, Is.EqualTo(updated).And.Property(nameof(DateTimeOffset.Offset)).EqualTo(TimeSpan.Zero));
    }

    protected override Task ExecuteSqlAsync(string sql) =>
        PostgresTestServer.ExecuteAsync(sql.Replace("{t}", _schema + ".", StringComparison.Ordinal));

    protected override Task CreateLocationAsync()
    {
        _schema = $"{RunPrefix}_{Interlocked.Increment(ref _schemas)}";
        return Task.CompletedTask;
    }

    protected override async Task DeleteLocationAsync()
    {
        if (await PostgresTestServer.IsReachableAsync())
        {
            await PostgresTestServer.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }
}
