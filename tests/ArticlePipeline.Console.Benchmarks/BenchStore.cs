using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.OperatorConsole.Benchmarks;

/// <summary>
/// A state store filled like a year-old archive: the catalog and history rows go in with bulk statements (SQLite: one
/// transaction of prepared inserts; PostgreSQL: COPY), because the benchmark measures reads, not how the pipeline
/// fills the store one write at a time. Runs and usage go through the store's own methods.
/// </summary>
internal sealed class BenchStore
{
    public const int Sources = 20;
    public const int Sampled = 50;
    private const string Schema = "console_bench";
    private static readonly string[] Languages = ["vi", "uk", "ru", "ro", "th"];

    private BenchStore(string provider, string? connectionString, int records)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Records = records;
    }

    public string Provider { get; }

    public string? ConnectionString { get; }

    public int Records { get; }

    public int Pending => Records * 3 / 10;

    public int Parked => Records / 200;

    public DateTimeOffset Newest { get; } = DateTimeOffset.UtcNow;

    /// <summary>Record keys whose files exist, for the article page.</summary>
    public List<(string Source, string Id)> Files { get; } = [];

    public static string SourceId(int i) => "bao-" + (i % Sources).ToString("00", CultureInfo.InvariantCulture);

    public static string Id(int i) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))[..16];

    public static string Title(int i) => string.Create(CultureInfo.InvariantCulture, $"Bài số {i}: nông dân xã {i % 500} thu hoạch lúa hè thu sớm, năng suất gần 6,5 tấn/ha");

    public static async Task<BenchStore> FillAsync(string provider, string root, int records)
    {
        string? connection = provider == "postgres"
            ? Environment.GetEnvironmentVariable("ARTICLEPIPELINE_TEST_POSTGRES") ?? throw new InvalidOperationException("set ARTICLEPIPELINE_TEST_POSTGRES")
            : null;
        var store = new BenchStore(provider, connection, records);
        await store.DropAsync();
        IPipelineStateStore opened = await StateStoreFactory.OpenAsync(store.Options(), root);
        await using (opened)
        {
            if (provider == "postgres")
            {
                await store.CopyPostgresAsync();
            }
            else
            {
                await store.InsertSqliteAsync(Path.Combine(root, "state", "state.db"));
            }

            for (int source = 0; source < Sources; source++)
            {
                for (int run = 0; run < 100; run++)
                {
                    await opened.RecordSourceRunAsync(Run(SourceId(source), store.Newest.AddMinutes(-30 * (100 - run))));
                }
            }

            for (int day = 0; day < 60; day++)
            {
                await opened.RecordTranslationUsageAsync(store.Newest.AddDays(-day), 250_000 + day, 90_000);
            }
        }

        store.WriteFiles(root);
        return store;
    }

    public StateOptions Options() => Provider == "postgres"
        ? new StateOptions { Provider = StateOptions.Postgres, ConnectionString = ConnectionString, Schema = Schema }
        : new StateOptions();

    public async Task DropAsync()
    {
        if (Provider != "postgres")
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private DateTimeOffset WrittenAt(int i) => Newest.AddSeconds(-(Records - i) * 170L);

    private static string Url(int i) => string.Create(CultureInfo.InvariantCulture, $"https://{SourceId(i)}.example.vn/tin-tuc/bai-so-{i}-a{i + 100000}.html");

    private static string LanguagesJson(int i) => i % 10 < 3
        ? "{\"ro\":\"pending\",\"ru\":\"pending\",\"th\":\"pending\",\"uk\":\"pending\",\"vi\":\"original\"}"
        : "{\"ro\":\"translated\",\"ru\":\"translated\",\"th\":\"translated\",\"uk\":\"translated\",\"vi\":\"original\"}";

    private string ManifestLine(int i) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"at\":\"{WrittenAt(i):O}\",\"id\":\"{Id(i)}\",\"revision\":1,\"schemaVersion\":2,\"path\":\"records/{SourceId(i)}/{Id(i)[..2]}/{Id(i)}.json\",\"change\":\"created\",\"url\":\"{Url(i)}\"}}");

    private async Task InsertSqliteAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var record = connection.CreateCommand();
        record.CommandText = """
            INSERT INTO records (source_id, record_id, url, title, source_language, revision, written_at, written_ticks, languages)
            VALUES ($s, $id, $url, $title, 'vi', 1, $at, $ticks, $languages)
            """;
        await using var history = connection.CreateCommand();
        history.CommandText = "INSERT INTO record_revisions (source_id, record_id, revision, written_at, change, manifest_line) VALUES ($s, $id, 1, $at, 'created', $line)";
        await using var pending = connection.CreateCommand();
        pending.CommandText = "INSERT INTO pending_translations (record_path, record_id, languages, reason, since, since_ticks) VALUES ($path, $id, $languages, $reason, $at, $ticks)";
        await using var page = connection.CreateCommand();
        page.CommandText = """
            INSERT INTO pages (url, content_hash, record_path, last_outcome, failures, updated_at, parked, outcome, outcome_reason)
            VALUES ($url, $hash, $path, $last, $failures, $at, $parked, $outcome, $reason)
            """;
        for (int i = 0; i < Records; i++)
        {
            string at = WrittenAt(i).ToString("O", CultureInfo.InvariantCulture);
            string path = $"/out/records/{SourceId(i)}/{Id(i)[..2]}/{Id(i)}.json";
            Set(record, ("$s", SourceId(i)), ("$id", Id(i)), ("$url", Url(i)), ("$title", Title(i)), ("$at", at), ("$ticks", WrittenAt(i).UtcTicks), ("$languages", LanguagesJson(i)));
            await record.ExecuteNonQueryAsync();
            Set(history, ("$s", SourceId(i)), ("$id", Id(i)), ("$at", at), ("$line", ManifestLine(i)));
            await history.ExecuteNonQueryAsync();
            if (i % 10 < 3)
            {
                Set(pending, ("$path", path), ("$id", Id(i)), ("$languages", "[\"uk\",\"ru\",\"ro\",\"th\"]"), ("$reason", i % 2 == 0 ? "translation not requested" : "translator-unavailable"), ("$at", at), ("$ticks", WrittenAt(i).UtcTicks));
                await pending.ExecuteNonQueryAsync();
            }

            bool parked = i % 200 == 0;
            Set(page, ("$url", Url(i)), ("$hash", "sha256:" + Id(i)), ("$path", path), ("$last", parked ? "failed:http-404" : "written"), ("$failures", parked ? 5 : 0),
                ("$at", at), ("$parked", parked ? 1 : 0), ("$outcome", parked ? "failed" : "written"), ("$reason", parked ? "http-404" : null));
            await page.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();

        static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
        {
            command.Parameters.Clear();
            foreach ((string name, object? value) in values)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }

    private async Task CopyPostgresAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.records (source_id, record_id, url, title, source_language, revision, written_at, languages) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < Records; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(SourceId(i), NpgsqlDbType.Text);
                await copy.WriteAsync(Id(i), NpgsqlDbType.Text);
                await copy.WriteAsync(Url(i), NpgsqlDbType.Text);
                await copy.WriteAsync(Title(i), NpgsqlDbType.Text);
                await copy.WriteAsync("vi", NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(WrittenAt(i), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(LanguagesJson(i), NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.record_revisions (source_id, record_id, revision, written_at, change, manifest_line) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < Records; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(SourceId(i), NpgsqlDbType.Text);
                await copy.WriteAsync(Id(i), NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(WrittenAt(i), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("created", NpgsqlDbType.Text);
                await copy.WriteAsync(ManifestLine(i), NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.pending_translations (record_path, record_id, languages, reason, since) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < Records; i++)
            {
                if (i % 10 >= 3)
                {
                    continue;
                }

                await copy.StartRowAsync();
                await copy.WriteAsync($"/out/records/{SourceId(i)}/{Id(i)[..2]}/{Id(i)}.json", NpgsqlDbType.Text);
                await copy.WriteAsync(Id(i), NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { "uk", "ru", "ro", "th" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(i % 2 == 0 ? "translation not requested" : "translator-unavailable", NpgsqlDbType.Text);
                await copy.WriteAsync(WrittenAt(i), NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.pages (url, content_hash, record_path, last_outcome, failures, updated_at, parked, outcome, outcome_reason) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < Records; i++)
            {
                bool parked = i % 200 == 0;
                await copy.StartRowAsync();
                await copy.WriteAsync(Url(i), NpgsqlDbType.Text);
                await copy.WriteAsync("sha256:" + Id(i), NpgsqlDbType.Text);
                await copy.WriteAsync($"/out/records/{SourceId(i)}/{Id(i)[..2]}/{Id(i)}.json", NpgsqlDbType.Text);
                await copy.WriteAsync(parked ? "failed:http-404" : "written", NpgsqlDbType.Text);
                await copy.WriteAsync(parked ? 5 : 0, NpgsqlDbType.Integer);
                await copy.WriteAsync(WrittenAt(i), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(parked, NpgsqlDbType.Boolean);
                await copy.WriteAsync(parked ? "failed" : "written", NpgsqlDbType.Text);
                if (parked)
                {
                    await copy.WriteAsync("http-404", NpgsqlDbType.Text);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand($"ANALYZE {Schema}.records; ANALYZE {Schema}.record_revisions; ANALYZE {Schema}.pending_translations; ANALYZE {Schema}.pages;", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Writes the files of <see cref="Sampled"/> records spread over the catalog, each with 12 blocks in five languages.</summary>
    private void WriteFiles(string root)
    {
        for (int n = 0; n < Sampled; n++)
        {
            int i = (int)((long)n * Records / Sampled);
            string path = JsonRecordSink.RecordPathUnder(root, SourceId(i), Id(i))!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, RecordSerializer.Serialize(Record(i)));
            Files.Add((SourceId(i), Id(i)));
        }
    }

    private ArticleRecord Record(int i)
    {
        var languages = ImmutableSortedDictionary.CreateBuilder<string, LanguageVersion>(StringComparer.Ordinal);
        foreach (string language in Languages)
        {
            var blocks = Enumerable.Range(0, 12)
                .Select(b => new ContentBlock(BlockKind.Paragraph, $"[{language}] Đoạn {b} của bài {i}: " + string.Concat(Enumerable.Repeat("nông dân thu hoạch lúa hè thu sớm để tránh lũ. ", 6))))
                .ToImmutableArray();
            languages[language] = new LanguageVersion(
                language == "vi" ? TranslationStatus.Original : TranslationStatus.Translated,
                new LanguageContent($"[{language}] " + Title(i), $"[{language}] Sapo {i}", blocks),
                null,
                null);
        }

        return new ArticleRecord(
            Id(i), ArticleRecord.CurrentSchemaVersion, 1, Url(i), Url(i), new SourceInfo(SourceId(i), SourceId(i), null, SourceId(i) + ".example.vn"),
            "Báo", WrittenAt(i), WrittenAt(i), ["Minh Đức"], [], "vi", "sha256:" + Id(i), [], [], [], languages.ToImmutable(), null);
    }

    private static SourceRun Run(string source, DateTimeOffset at) => new(
        source,
        at,
        TimeSpan.FromSeconds(95),
        new SourceRunCounts(
            120, 40, 70, 30, 10, 10, 3,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new("http-404", 2), new KeyValuePair<string, int>("timeout", 1)]),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, int>("seen", 10)]),
            [],
            52_000, 18_000, false, null));
}
