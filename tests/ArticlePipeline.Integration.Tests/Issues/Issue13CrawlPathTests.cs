using System.Text.Json;
using System.Text.RegularExpressions;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;
using Npgsql;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 13, one crawl path: the scheduled worker (<c>run</c>) in cluster mode (real PostgreSQL, work items) and in
/// local mode crawls one loopback newspaper with a page that always fails, an excluded page and a syndicated copy, and
/// a second source on the same host; both modes request, park, skip and write the same things, and both hold the host
/// to its one connection across the two sources.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[Category("Worker")]
[NonParallelizable]
public sealed partial class Issue13CrawlPathTests
{
    private const string FailingPath = "/tin-tuc/loi-may-chu-a9001.html";
    private const string ExcludedPath = "/quang-cao/khuyen-mai-a9002.html";
    private const string CopyPath = "/ban-sao/bai-viet-so-1.html";
    private const int Articles = 4;
    private const int NeighbourArticles = 3;

    private static readonly JsonSerializerOptions WithoutNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private string _connection = null!;
    private readonly List<string> _schemas = [];
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _connection = Environment.GetEnvironmentVariable("ARTICLEPIPELINE_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";
        try
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync();
        }
        catch (NpgsqlException ex) when (Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Ignore("PostgreSQL not reachable (set ARTICLEPIPELINE_TEST_POSTGRES or run .ci/run): " + ex.Message);
        }

        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        _folder?.Dispose();
        if (_schemas.Count == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand(string.Join(';', _schemas.Select(s => $"DROP SCHEMA IF EXISTS {s} CASCADE")), connection);
        await drop.ExecuteNonQueryAsync();
        _schemas.Clear();
    }

    [Test]
    public async Task FailingExcludedAndCopiedPages_ClusterAndLocalMode_ParkFilterAndSkipAlike()
    {
        Run cluster = await CrawlAsync("cluster", clustered: true);
        Run local = await CrawlAsync("local", clustered: false);

        foreach (Run run in new[] { cluster, local })
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(run.Requests(FailingPath), Is.EqualTo(5), $"{run.Name}: the failing page is requested 5 times, then parked and left alone\n{run.Log}");
                Assert.That(run.Requests(ExcludedPath), Is.Zero, $"{run.Name}: an excluded page is never requested");
                Assert.That(run.Log, Does.Contain("parked after 5 consecutive failures"), run.Name);
                Assert.That(run.Log, Does.Match(Regex.Escape(run.Site(CopyPath)) + @": skipped:duplicate .*same content as"), $"{run.Name}: the copy is recorded as a duplicate");
                Assert.That(run.Records, Has.Length.EqualTo(Articles + 1 + NeighbourArticles), $"{run.Name}: one record per article (the mended one by rerun), none for the copy");
                Assert.That(run.LastSkips["parked"], Is.EqualTo(1), $"{run.Name}: {run.LastPass}");
                Assert.That(run.LastSkips["filtered"], Is.EqualTo(1), $"{run.Name}: {run.LastPass}");
                Assert.That(run.NeighbourRecords, Is.EqualTo(NeighbourArticles), $"{run.Name}: the second source on the host is crawled too");
                Assert.That(run.MostInFlight, Is.EqualTo(1), $"{run.Name}: one connection to the host, whatever the sources on it");
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cluster.Records, Is.EqualTo(local.Records), "the same articles recorded in both modes");

            // Once settled, a pass skips the same URLs for the same reasons: the articles and the copy wait for their
            // revisit, the failing page is parked, the excluded one filtered.
            var settled = new Dictionary<string, int> { ["filtered"] = 1, ["not-due"] = Articles + 1, ["parked"] = 1 };
            Assert.That(cluster.LastSkips, Is.EquivalentTo(settled), cluster.LastPass);
            Assert.That(local.LastSkips, Is.EquivalentTo(settled), local.LastPass);
            var neighbourSettled = new Dictionary<string, int> { ["not-due"] = NeighbourArticles };
            Assert.That(cluster.NeighbourSkips, Is.EquivalentTo(neighbourSettled), cluster.Log);
            Assert.That(local.NeighbourSkips, Is.EquivalentTo(neighbourSettled), local.Log);
        }
    }

    [Test]
    public async Task KnownArticles_OnTheirRevisit_ChangedOneIsRevision2WithOnlyItsChangedParagraphTranslated_UnchangedOneCostsOne304_InBothModes()
    {
        foreach (bool clustered in new[] { true, false })
        {
            string name = clustered ? "revisit-cluster" : "revisit-local";
            await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
            site.AutoValidators = true;
            await using LoopbackTranslator translator = await LoopbackTranslator.StartAsync("issue13-key");
            IReadOnlyList<Uri> articles = SiteContent.Publish(site, 1, 2);
            Uri changed = articles.Single(u => u.AbsolutePath == SiteContent.ArticlePath(2));
            Uri same = articles.Single(u => u.AbsolutePath == SiteContent.ArticlePath(1));
            string output = _folder.Combine(name, "out");

            // One revisit three seconds after the first fetch, then none: the schedule, shortened.
            string config = await ConfigAsync(name, clustered, SourcesFile(name, site), new { RevisitSchedule = "3s" }, translator);
            int firstTranslations;
            using (ChildCli worker = StartWorker(name, config, output))
            {
                try
                {
                    await WorkerTests.WaitUntilAsync(() => Issue10Files.Records(output).Length == 2, TimeSpan.FromSeconds(60));
                    firstTranslations = translator.Requests.Count;
                    site.Set(changed.AbsolutePath, SiteResponse.Html(SiteContent.Article(2, changed).Replace("Theo số liệu 2 của", "Theo số liệu mới nhất 2 của", StringComparison.Ordinal)));
                    await WorkerTests.WaitUntilAsync(() => site.PageRequests.Count(r => r.Path == changed.AbsolutePath) >= 2 && site.PageRequests.Count(r => r.Path == same.AbsolutePath) >= 2, TimeSpan.FromSeconds(30));
                    int passes = PassLines(worker).Length;
                    await WorkerTests.WaitUntilAsync(() => PassLines(worker).Length >= passes + 5, TimeSpan.FromSeconds(30));
                }
                finally
                {
                    worker.Terminate();
                    worker.WaitForExit(TimeSpan.FromSeconds(30));
                }

                await site.WaitIdleAsync();
            }

            LoggedRequest[] sameRequests = [.. site.PageRequests.Where(r => r.Path == same.AbsolutePath)];
            LoggedRequest[] changedRequests = [.. site.PageRequests.Where(r => r.Path == changed.AbsolutePath)];
            string[] translatedAfterwards = [.. translator.Requests.Skip(firstTranslations).SelectMany(r => r.Texts)];
            using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(Issue10Files.Records(output).Single(r => File.ReadAllText(r).Contains("số 2:", StringComparison.Ordinal))));
            using JsonDocument unchanged = JsonDocument.Parse(File.ReadAllBytes(Issue10Files.Records(output).Single(r => File.ReadAllText(r).Contains("số 1:", StringComparison.Ordinal))));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(sameRequests.Select(r => r.Status), Is.EqualTo(new[] { 200, 304 }), $"{name}: the unchanged article costs one 304 on its revisit, and is not asked again");
                Assert.That(sameRequests[^1].IfNoneMatch, Is.Not.Null, $"{name}: the revisit is a conditional GET");
                Assert.That(changedRequests.Select(r => r.Status), Is.EqualTo(new[] { 200, 200 }), $"{name}: the changed article is fetched again on its revisit");
                Assert.That(record.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2), $"{name}: the change is revision 2");
                Assert.That(record.RootElement.GetProperty("languages").GetProperty("vi").ToString(), Does.Contain("số liệu mới nhất 2"), name);
                Assert.That(record.RootElement.GetProperty("languages").GetProperty("uk").GetProperty("status").GetString(), Is.EqualTo("translated"), name);
                Assert.That(unchanged.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(1), $"{name}: a 304 writes nothing");
                Assert.That(translatedAfterwards, Has.Length.EqualTo(1).And.All.Contains("số liệu mới nhất 2"), $"{name}: only the changed paragraph is sent to the translator");
            }
        }
    }

    [Test]
    public async Task KnownArticles_AfterTheirScheduleEnded_OnlyTheOneTheSitemapListsAsChangedIsFetchedAgain_InBothModes()
    {
        foreach (bool clustered in new[] { true, false })
        {
            string name = clustered ? "listed-cluster" : "listed-local";
            await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
            site.AutoValidators = true;
            IReadOnlyList<Uri> articles = SiteContent.Publish(site, 1, 2);
            Uri changed = articles.Single(u => u.AbsolutePath == SiteContent.ArticlePath(2));
            Uri same = articles.Single(u => u.AbsolutePath == SiteContent.ArticlePath(1));
            var published = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));
            site.Set("/sitemap.xml", Sitemap((same, published), (changed, published)));
            string output = _folder.Combine(name, "out");

            // One revisit two seconds after the first fetch, then none: only a listing that says the page changed
            // brings it back.
            string config = await ConfigAsync(name, clustered, SourcesFile(name, site, sitemap: true), new { RevisitSchedule = "2s" });
            int sameBefore, changedBefore;
            using (ChildCli worker = StartWorker(name, config, output))
            {
                try
                {
                    await WorkerTests.WaitUntilAsync(() => Issue10Files.Records(output).Length == 2, TimeSpan.FromSeconds(60));
                    await WorkerTests.WaitUntilAsync(() => site.PageRequests.Count(r => r.Path == same.AbsolutePath) >= 2 && site.PageRequests.Count(r => r.Path == changed.AbsolutePath) >= 2, TimeSpan.FromSeconds(30));
                    int passes = PassLines(worker).Length;
                    await WorkerTests.WaitUntilAsync(() => PassLines(worker).Length >= passes + 3, TimeSpan.FromSeconds(30));
                    sameBefore = site.PageRequests.Count(r => r.Path == same.AbsolutePath);
                    changedBefore = site.PageRequests.Count(r => r.Path == changed.AbsolutePath);
                    site.Set(changed.AbsolutePath, SiteResponse.Html(SiteContent.Article(2, changed).Replace("Theo số liệu 2 của", "Theo số liệu đính chính 2 của", StringComparison.Ordinal)));
                    site.Set("/sitemap.xml", Sitemap((same, published), (changed, DateTimeOffset.UtcNow)));
                    await WorkerTests.WaitUntilAsync(() => site.PageRequests.Count(r => r.Path == changed.AbsolutePath) > changedBefore, TimeSpan.FromSeconds(30));
                    passes = PassLines(worker).Length;
                    await WorkerTests.WaitUntilAsync(() => PassLines(worker).Length >= passes + 3, TimeSpan.FromSeconds(30));
                }
                finally
                {
                    worker.Terminate();
                    worker.WaitForExit(TimeSpan.FromSeconds(30));
                }

                await site.WaitIdleAsync();
            }

            using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(Issue10Files.Records(output).Single(r => File.ReadAllText(r).Contains("số 2:", StringComparison.Ordinal))));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(sameBefore, Is.EqualTo(2), $"{name}: the first fetch and the schedule's one revisit");
                Assert.That(site.PageRequests.Count(r => r.Path == same.AbsolutePath), Is.EqualTo(sameBefore), $"{name}: after its schedule, an article whose listing says nothing new is not asked again");
                Assert.That(site.PageRequests.Where(r => r.Path == changed.AbsolutePath).Skip(changedBefore).Select(r => r.Status), Is.EqualTo(new[] { 200 }), $"{name}: the article listed as changed is fetched again, once");
                Assert.That(record.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2), $"{name}: the correction is revision 2");
                Assert.That(record.RootElement.GetProperty("languages").GetProperty("vi").ToString(), Does.Contain("số liệu đính chính 2"), name);
            }
        }
    }

    private static SiteResponse Sitemap(params (Uri Url, DateTimeOffset Modified)[] urls) =>
        SiteResponse.Xml($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            {string.Concat(urls.Select(u => $"<url><loc>{u.Url.AbsoluteUri}</loc><lastmod>{u.Modified.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)}</lastmod></url>"))}
            </urlset>
            """);

    private async Task<Run> CrawlAsync(string name, bool clustered)
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        Publish(site);
        string output = _folder.Combine(name, "out");
        string sources = SourcesFile(name, site, neighbour: true, sitemap: false, "/quang-cao/");

        // No backoff: every pass tries the failing page again until it is parked.
        string config = await ConfigAsync(name, clustered, sources, new { FailureBackoffMinutes = 0, MaxConsecutiveFailures = 5 });
        using ChildCli worker = StartWorker(name, config, output);
        try
        {
            await WorkerTests.WaitUntilAsync(() => site.PageRequests.Count(r => r.Path == FailingPath) >= 5, TimeSpan.FromSeconds(90));
            int passes = PassLines(worker).Length;
            await WorkerTests.WaitUntilAsync(() => PassLines(worker).Length >= passes + 3, TimeSpan.FromSeconds(30));
        }
        finally
        {
            worker.Terminate();
            worker.WaitForExit(TimeSpan.FromSeconds(30));
        }

        await site.WaitIdleAsync();
        string lastPass = PassLines(worker)[^1];

        // The page is mended: 'rerun URL' fetches it although it is parked, writes it and unparks it.
        site.Set(FailingPath, SiteResponse.Html(SiteContent.Article(9001, site.Url(FailingPath))));
        CliRun rerun = await CliRun.RunAsync("rerun", site.Url(FailingPath).AbsoluteUri, "--config", config, "--out", output);
        Assert.That(rerun.ExitCode, Is.Zero, $"{name}: {rerun}");
        Assert.That(site.PageRequests.Count(r => r.Path == FailingPath), Is.EqualTo(6), $"{name}: rerun requested the parked page");
        if (clustered)
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand($"SELECT parked, failures FROM {_schemas[^2]}.pages WHERE url = @url", connection);
            query.Parameters.AddWithValue("url", site.Url(FailingPath).AbsoluteUri);
            await using NpgsqlDataReader row = await query.ExecuteReaderAsync();
            Assert.That(await row.ReadAsync(), Is.True, "the page's state is in the shared store");
            Assert.That((row.GetBoolean(0), row.GetInt32(1)), Is.EqualTo((false, 0)), "unparked, no failures counted");
        }

        return new Run(
            name,
            site,
            site.PageRequests.GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Key == FailingPath ? g.Count() - 1 : g.Count()),
            worker.Log,
            [.. Issue10Files.Records(output).Select(RecordPath).Order(StringComparer.Ordinal)],
            lastPass,
            SkipCounts(lastPass),
            Issue10Files.Records(output).Count(r => RecordPath(r).StartsWith("/hang-xom/", StringComparison.Ordinal)),
            SkipCounts(PassLines(worker, "song-hau-2")[^1]),
            RequestLog.MaximumInFlight(site.Requests));
    }

    /// <summary>
    /// Writes the settings of one mode: cluster (a fresh PostgreSQL schema for the state and one for Quartz, work
    /// items, two loops) or local (SQLite under the output folder), with <paramref name="crawl"/> as the <c>Crawl</c>
    /// section and an optional Translator.
    /// </summary>
    private async Task<string> ConfigAsync(string name, bool clustered, string sources, object crawl, LoopbackTranslator? translator = null)
    {
        object network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 };
        object? translation = translator is null
            ? null
            : new { Provider = "azure", Endpoint = translator.Endpoint.AbsoluteUri, translator.Key, MaxRetries = 0, CharactersPerMinute = 0 };
        object settings;
        if (clustered)
        {
            string suffix = Guid.NewGuid().ToString("N")[..10];
            _schemas.Add("i13_" + suffix);
            _schemas.Add("i13q_" + suffix);
            await using (var connection = new NpgsqlConnection(_connection))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE SCHEMA i13q_{suffix}", connection);
                await create.ExecuteNonQueryAsync();
            }

            settings = new
            {
                Sources = new { File = sources },
                Network = network,
                Crawl = crawl,
                Translator = translation,
                State = new { Provider = "postgres", ConnectionString = _connection + $";Search Path=i13q_{suffix}", Schema = "i13_" + suffix },
                Scheduler = new { Clustered = true, WorkerConcurrency = 2, PollSeconds = 0.2, LeaseSeconds = 3, GracePeriodSeconds = 1, CheckinIntervalSeconds = 2 },
            };
        }
        else
        {
            settings = new { Sources = new { File = sources }, Network = network, Crawl = crawl, Translator = translation, Scheduler = new { GracePeriodSeconds = 1 } };
        }

        string config = _folder.Combine(name + "-appsettings.json");
        File.WriteAllText(config, JsonSerializer.Serialize(settings, WithoutNulls));
        return config;
    }

    private ChildCli StartWorker(string name, string config, string output) =>
        ChildCli.Start(_folder.Path, new Dictionary<string, string> { ["ARTICLEPIPELINE__Scheduler__InstanceId"] = name }, "run", "--config", config, "--out", output);

    /// <summary>
    /// The source of a test, crawled every second, discovered from its feed or (<paramref name="sitemap"/>) its sitemap;
    /// with <paramref name="neighbour"/> a second one on its host with a feed of its own.
    /// </summary>
    private string SourcesFile(string name, LoopbackNewsSite site, bool neighbour = false, bool sitemap = false, params string[] excludePatterns)
    {
        string sources = _folder.Combine(name + "-sources.json");
        var list = new[]
        {
            new
            {
                id = "song-hau",
                name = "Báo Sông Hậu",
                homeUrl = site.Url("/").AbsoluteUri,
                feeds = sitemap ? [] : new[] { site.Url("/rss.xml").AbsoluteUri },
                sitemaps = sitemap ? new[] { site.Url("/sitemap.xml").AbsoluteUri } : [],
                excludePatterns,
                schedule = "0/1 * * * * ?",
                maxArticlesPerRun = 100,
            },
            new
            {
                id = "song-hau-2",
                name = "Sông Hậu hàng xóm",
                homeUrl = site.Url("/hang-xom/").AbsoluteUri,
                feeds = new[] { site.Url("/hang-xom.xml").AbsoluteUri },
                sitemaps = Array.Empty<string>(),
                excludePatterns = Array.Empty<string>(),
                schedule = "0/1 * * * * ?",
                maxArticlesPerRun = 100,
            },
        };
        File.WriteAllText(sources, JsonSerializer.Serialize(new { sources = neighbour ? list : list[..1] }));
        return sources;
    }

    /// <summary>The path of a record's URL: the same article in both modes, whose sites listen on different ports.</summary>
    private static string RecordPath(string record)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(record));
        return new Uri(json.RootElement.GetProperty("url").GetString()!).AbsolutePath;
    }

    private static void Publish(LoopbackNewsSite site)
    {
        IReadOnlyList<Uri> articles = SiteContent.Publish(site, 1, Articles);
        var published = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));
        Uri failing = site.Url(FailingPath), excluded = site.Url(ExcludedPath), copy = site.Url(CopyPath);
        site.Set(FailingPath, SiteResponse.StatusOnly(500));
        site.Set(ExcludedPath, SiteResponse.Html(SiteContent.Article(90, excluded)));

        // Article 1's text under a URL of its own: a syndicated copy, listed after its original.
        site.Set(CopyPath, SiteResponse.Html(SiteContent.Article(1, copy)));
        IEnumerable<(Uri, DateTimeOffset)> items = articles.Select((u, i) => (u, published.AddMinutes(-i)))
            .Append((failing, published.AddMinutes(-10)))
            .Append((excluded, published.AddMinutes(-11)))
            .Append((copy, published.AddMinutes(-12)));
        site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(items)) with { ContentType = "application/rss+xml" });

        // The second source's articles, under a section of their own on the same host whose page announces no feed.
        site.Set("/hang-xom/", SiteResponse.Html("<html><head><title>Hàng xóm</title></head><body></body></html>"));
        var neighbours = Enumerable.Range(1, NeighbourArticles).Select(n => site.Url($"/hang-xom/bai-so-{n}-a{9100 + n}.html")).ToList();
        foreach ((Uri url, int n) in neighbours.Select((u, i) => (u, 9100 + i + 1)))
        {
            site.Set(url.AbsolutePath, SiteResponse.Html(SiteContent.Article(n, url)));
        }

        site.Set("/hang-xom.xml", SiteResponse.Xml(SiteContent.Rss(neighbours.Select((u, i) => (u, published.AddMinutes(-20 - i))))) with { ContentType = "application/rss+xml" });
    }

    /// <summary>The source's pass lines, in both modes: <c>source song-hau: discovered ...; skipped: ...</c>.</summary>
    private static string[] PassLines(ChildCli worker, string sourceId = "song-hau") =>
        [.. worker.ErrorLines.Where(l => l.Contains($"source {sourceId}: discovered", StringComparison.Ordinal))];

    private static Dictionary<string, int> SkipCounts(string passLine)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string skipped = passLine[(passLine.LastIndexOf("skipped: ", StringComparison.Ordinal) + "skipped: ".Length)..];
        foreach (Match match in SkipCount().Matches(skipped))
        {
            counts[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    [GeneratedRegex(@"([a-z-]+) (\d+)")]
    private static partial Regex SkipCount();

    private sealed record Run(
        string Name,
        LoopbackNewsSite SiteServer,
        Dictionary<string, int> RequestsByPath,
        string Log,
        string[] Records,
        string LastPass,
        Dictionary<string, int> LastSkips,
        int NeighbourRecords,
        Dictionary<string, int> NeighbourSkips,
        int MostInFlight)
    {
        public int Requests(string path) => RequestsByPath.GetValueOrDefault(path);

        public string Site(string path) => SiteServer.Url(path).AbsoluteUri;
    }
}
