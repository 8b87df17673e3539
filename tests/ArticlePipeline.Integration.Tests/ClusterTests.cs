using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using ArticlePipeline.Integration.Tests.Issues;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using Npgsql;

namespace ArticlePipeline.Integration.Tests;

/// <summary>
/// Cluster mode on a real PostgreSQL: three worker processes, ten sources, 200 articles. Every article is written
/// exactly once, the work is shared, and a worker killed with SIGKILL mid-run loses nothing.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[Category("Worker")]
[NonParallelizable]
public sealed class ClusterTests
{
    private const int Sources = 10;
    private const int ArticlesPerSource = 20;
    private const int Total = Sources * ArticlesPerSource;

    private readonly List<LoopbackNewsSite> _sites = [];
    private TempDirectory _folder = null!;
    private string _connection = null!;
    private string _stateSchema = null!;
    private string _quartzSchema = null!;

    [SetUp]
    public async Task SetUp()
    {
        _connection = Environment.GetEnvironmentVariable("ARTICLEPIPELINE_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";
        string suffix = Guid.NewGuid().ToString("N")[..10];
        _stateSchema = "cl_" + suffix;
        _quartzSchema = "qz_" + suffix;
        try
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {_quartzSchema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex) when (Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Ignore("PostgreSQL not reachable (set ARTICLEPIPELINE_TEST_POSTGRES or run .ci/run): " + ex.Message);
        }

        _folder = new TempDirectory();
        for (int i = 0; i < Sources; i++)
        {
            string site = _folder.Combine("site" + i);
            GeneratedSite.Write(site, ArticlesPerSource, "s" + i);
            _sites.Add(await LoopbackNewsSite.StartAsync(site));
        }
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (LoopbackNewsSite site in _sites)
        {
            await site.DisposeAsync();
        }

        _sites.Clear();
        _folder?.Dispose();
        try
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_stateSchema} CASCADE; DROP SCHEMA IF EXISTS {_quartzSchema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Nothing to clean up when the server was not there.
        }
    }

    [Test]
    public async Task ThreeWorkers_EveryArticleWrittenExactlyOnce_AndTheWorkIsShared()
    {
        string config = WriteConfig();
        var workers = Enumerable.Range(0, 3).Select(i => Start(config, "node-" + i)).ToList();
        try
        {
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records")) >= Total, TimeSpan.FromSeconds(120));
        }
        finally
        {
            Stop(workers);
        }

        int[] written = workers.Select(w => w.ErrorLines.Count(l => l.Contains(": Written (attempt", StringComparison.Ordinal))).ToArray();
        TestContext.Out.WriteLine($"articles written per node: {string.Join(", ", written)}");
        using (Assert.EnterMultipleScope())
        {
            AssertEachArticleWrittenOnce();
            Assert.That(written.Sum(), Is.EqualTo(Total), "every write was done by exactly one node");
            Assert.That(written.Max(), Is.LessThanOrEqualTo(Total * 6 / 10), "no node did more than 60%");
        }

        Dispose(workers);
    }

    [Test]
    public async Task WorkerKilledMidRun_TheOthersFinishEveryArticleExactlyOnce()
    {
        string config = WriteConfig();
        var workers = Enumerable.Range(0, 3).Select(i => Start(config, "node-" + i)).ToList();
        try
        {
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records")) >= Total / 4, TimeSpan.FromSeconds(120));
            workers[0].Kill();
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records")) >= Total, TimeSpan.FromSeconds(120));
        }
        finally
        {
            Stop(workers.Skip(1));
        }

        using (Assert.EnterMultipleScope())
        {
            AssertEachArticleWrittenOnce();
            Assert.That(workers[1].Log + workers[2].Log, Does.Not.Contain("fail:").And.Not.Contain("error:"));
        }

        await RecordAssert.AllValidAsync(_folder.Combine("out", "records"));
        Dispose(workers);
    }

    [Test]
    public async Task ThreeWorkers_ConsoleOfAnyWorker_ShowsEachSourcesRunWithTheArticlesAllWorkersCrawled()
    {
        // One firing of every source, a few seconds after the workers start: its run is then the last one on the page.
        string second = DateTime.UtcNow.AddSeconds(12).Second.ToString(CultureInfo.InvariantCulture);
        string config = WriteConfig(second + " * * * * ?");
        var workers = Enumerable.Range(0, 3)
            .Select(i => i == 2 ? Start(config, "node-" + i, "--http", "127.0.0.1:0") : Start(config, "node-" + i))
            .ToList();
        JsonElement[] runs = [];
        try
        {
            Uri endpoint = await Issue16OperationsTests.WaitForEndpointAsync(workers[2]);
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records")) >= Total, TimeSpan.FromSeconds(120));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            for (DateTime giveUp = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < giveUp; await Task.Delay(250))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/console/sources"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using HttpResponseMessage response = await http.SendAsync(request);
                JsonElement page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                runs = [.. page.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("lastRun"))];
                if (runs.All(r => r.ValueKind == JsonValueKind.Object && r.GetProperty("pending").GetInt32() == 0 && r.GetProperty("counts").GetProperty("written").GetInt32() > 0))
                {
                    break;
                }
            }
        }
        finally
        {
            Stop(workers);
        }

        int[] written = workers.Select(w => w.ErrorLines.Count(l => l.Contains(": Written (attempt", StringComparison.Ordinal))).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs, Has.Length.EqualTo(Sources), "every source on the page");
            Assert.That(written.Count(n => n > 0), Is.GreaterThan(1), "the articles were crawled by several workers");
            foreach (JsonElement run in runs)
            {
                Assert.That(run.ValueKind, Is.EqualTo(JsonValueKind.Object), "each source has a last run");
                if (run.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                JsonElement counts = run.GetProperty("counts");
                Assert.That(counts.GetProperty("discovered").GetInt32(), Is.EqualTo(ArticlesPerSource));
                Assert.That(counts.GetProperty("written").GetInt32(), Is.EqualTo(ArticlesPerSource), "each article of the run counted once, by whichever worker wrote it");
                Assert.That(counts.GetProperty("fetched").GetInt32(), Is.EqualTo(ArticlesPerSource));
                Assert.That(counts.GetProperty("failed").GetInt32(), Is.Zero);
                Assert.That(run.GetProperty("queued").GetInt32(), Is.EqualTo(ArticlesPerSource));
                Assert.That(run.GetProperty("pending").GetInt32(), Is.Zero);
                Assert.That(run.GetProperty("duration").GetString(), Is.Not.EqualTo("00:00:00"), "the run lasts until its last article");
            }
        }

        Dispose(workers);
    }

    private void AssertEachArticleWrittenOnce()
    {
        ManifestEntry[] entries = Directory.GetFiles(_folder.Combine("out", "manifest"), "*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(l => RecordSerializer.DeserializeManifestLine(l)!)
            .ToArray();
        Assert.That(WorkerTests.Count(_folder.Combine("out", "records")), Is.EqualTo(Total));
        Assert.That(entries.Count(e => e.Change == "created"), Is.EqualTo(Total), "one 'created' line per article");
        Assert.That(entries.GroupBy(e => e.Path).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no article written twice");
        RecordAssert.ManifestMatchesFiles(_folder.Combine("out"));
    }

    private ChildCli Start(string config, string node, params string[] more) =>
        ChildCli.Start(
            _folder.Path,
            new Dictionary<string, string> { ["ARTICLEPIPELINE__Scheduler__InstanceId"] = node },
            ["run", "--config", config, "--out", _folder.Combine("out"), .. more]);

    private static void Stop(IEnumerable<ChildCli> workers)
    {
        foreach (ChildCli worker in workers)
        {
            if (!worker.HasExited)
            {
                worker.Terminate();
            }
        }

        foreach (ChildCli worker in workers)
        {
            worker.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    private static void Dispose(IEnumerable<ChildCli> workers)
    {
        foreach (ChildCli worker in workers)
        {
            worker.Dispose();
        }
    }

    private string WriteConfig(string schedule = "0/2 * * * * ?")
    {
        string file = _folder.Combine("sources.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            sources = _sites.Select((s, i) => new
            {
                id = "s" + i,
                name = "site " + i,
                homeUrl = s.Url("index.html").AbsoluteUri,
                feeds = new[] { s.Url("rss.xml").AbsoluteUri },
                schedule,
                maxArticlesPerRun = 1000,
            }).ToArray(),
        }));
        return CliRun.WriteConfig(_folder, new
        {
            Sources = new { File = file },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = 0.05 },
            State = new { Provider = "postgres", ConnectionString = _connection + $";Search Path={_quartzSchema}", Schema = _stateSchema },
            Scheduler = new { Clustered = true, WorkerConcurrency = 2, PollSeconds = 0.2, LeaseSeconds = 3, GracePeriodSeconds = 1, CheckinIntervalSeconds = 2, HealthIntervalSeconds = 1 },
        });
    }
}
