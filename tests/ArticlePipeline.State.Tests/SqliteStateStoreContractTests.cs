using ArticlePipeline.Core.Model;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State.Tests;

/// <summary>The contract against SQLite, each test with a new file at the default place under a temp output folder.</summary>
[TestFixture]
[Category("SQLite")]
public sealed class SqliteStateStoreContractTests : StateStoreContractTests
{
    /// <summary>This test's output folder (not a TempDirectory: it is removed after the base class closed the stores).</summary>
    private string _output = string.Empty;

    protected override StateOptions Options => new() { Provider = StateOptions.Sqlite, ConnectionString = string.Empty };

    protected override string OutputDirectory => _output;

    protected override (string Provider, string ConnectionString, string? Schema) WorkerArguments =>
        (StateOptions.Sqlite, StateStoreFactory.DefaultSqliteConnectionString(_output), null);

    private string DatabaseFile => Path.Combine(_output, "state", "state.db");

    [Test]
    public async Task OpenAsync_FileOfTheFirstRelease_MigratesAndKeepsItsPages()
    {
        await CreateFirstReleaseFileAsync("""
                INSERT INTO pages VALUES ('https://example.vn/old', '"e1"', NULL, 'sha256:old', '/out/old.json', 'written', 0,
                  '2025-01-01T00:00:00.0000000+07:00');
            """);

        IPipelineStateStore store = await OpenAsync();

        PageState? page = await store.GetPageAsync(new Uri("https://example.vn/old"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(store.SchemaVersion, Is.EqualTo(SqliteStateStore.LatestSchemaVersion).And.GreaterThan(1));
            Assert.That(store.SchemaVersionFound, Is.EqualTo(1), "the first release's file");
            Assert.That(page, Is.EqualTo(new PageState(
                new Uri("https://example.vn/old"),
                new FetchValidators("\"e1\"", null),
                "sha256:old",
                "/out/old.json",
                PageOutcome.Written,
                0,
                new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)))));
            Assert.That(await store.FindByContentHashAsync("sha256:old"), Is.EqualTo(new Uri("https://example.vn/old")));
            Assert.That(await ScalarAsync("SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)"), Is.EqualTo(string.Join(",", Enumerable.Range(1, store.SchemaVersion))), "every migration since the first release, in order");
        }
    }

    [Test]
    public async Task OpenAsync_OutcomesWrittenAsText_BecomeTypedOutcomes()
    {
        await CreateFirstReleaseFileAsync("""
                INSERT INTO pages VALUES ('https://example.vn/a', NULL, NULL, NULL, NULL, 'failed:http-500', 2, '2025-01-01T00:00:00.0000000+07:00');
                INSERT INTO pages VALUES ('https://example.vn/b', NULL, NULL, NULL, NULL, 'duplicate:https://other.vn/x?id=1', 0, '2025-01-01T00:00:00.0000000+07:00');
                INSERT INTO pages VALUES ('https://example.vn/c', NULL, NULL, NULL, NULL, 'seen:https://example.vn/c-canonical', 0, '2025-01-01T00:00:00.0000000+07:00');
                INSERT INTO pages VALUES ('https://example.vn/d', NULL, NULL, NULL, NULL, 'not-modified', 0, '2025-01-01T00:00:00.0000000+07:00');
                INSERT INTO pages VALUES ('https://example.vn/e', NULL, NULL, NULL, NULL, 'not-an-article', 1, '2025-01-01T00:00:00.0000000+07:00');
            """);

        IPipelineStateStore store = await OpenAsync();

        async Task<PageOutcome?> Outcome(string path) => (await store.GetPageAsync(new Uri("https://example.vn/" + path)))?.LastOutcome;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Outcome("a"), Is.EqualTo(PageOutcome.Failure("http-500")));
            Assert.That(await Outcome("b"), Is.EqualTo(PageOutcome.DuplicateOf(new Uri("https://other.vn/x?id=1"))));
            Assert.That(await Outcome("c"), Is.EqualTo(PageOutcome.SeenAs(new Uri("https://example.vn/c-canonical"))));
            Assert.That(await Outcome("d"), Is.EqualTo(PageOutcome.NotModified));
            Assert.That(await Outcome("e"), Is.EqualTo(PageOutcome.Failure("not-an-article")), "an outcome of no known kind is kept as a failure's reason");
        }
    }

    [Test]
    public async Task OpenAsync_UsesWriteAheadLogging()
    {
        await OpenAsync();

        Assert.That(await ScalarAsync("PRAGMA journal_mode"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task OpenAsync_FileNewerThanTheCode_RefusesWithAClearMessage()
    {
        await (await OpenAsync()).DisposeAsync();
        await ScalarAsync("INSERT INTO schema_version (version) VALUES (999)");

        InvalidOperationException? error = Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync());

        Assert.That(error?.Message, Does.Contain("999").And.Contain("upgrade"));
    }

    [Test]
    public async Task OpenAsync_TheFirstReleasesOverload_StillOpensTheFile()
    {
        await using SqliteStateStore store = await SqliteStateStore.OpenAsync($"Data Source={DatabaseFile}", CancellationToken.None);

        Assert.That(await store.CountAsync(), Is.Zero);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=false");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql.Replace("{t}", string.Empty, StringComparison.Ordinal);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task CreateLocationAsync()
    {
        _output = Path.Combine(Path.GetTempPath(), "ap-state-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_output);
        return Task.CompletedTask;
    }

    protected override Task DeleteLocationAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A file as the first SqliteStateStore created it (pages without retry columns, schema version 1), with <paramref name="pageRows"/>.</summary>
    private async Task CreateFirstReleaseFileAsync(string pageRows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        await using var legacy = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await legacy.OpenAsync();
        await using SqliteCommand create = legacy.CreateCommand();
        create.CommandText = """
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE pages (url TEXT PRIMARY KEY, etag TEXT NULL, last_modified TEXT NULL, content_hash TEXT NULL,
              record_path TEXT NULL, last_outcome TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
            INSERT INTO schema_version (version) VALUES (1);
            """ + pageRows;
        await create.ExecuteNonQueryAsync();
    }
}
