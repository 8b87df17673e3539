using System.Globalization;
using System.Text.Json;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using Npgsql;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 13, politeness across a cluster: three real worker processes on one PostgreSQL lease hosts, so a host
/// limited to 1 request/s and 1 connection sees exactly that from the whole cluster, several hosts keep every worker
/// busy, and a worker killed with SIGKILL has its hosts taken over within lease + poll, every article written once.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[Category("Worker")]
[NonParallelizable]
public sealed class Issue13HostLeaseTests
{
    private const double LeaseSeconds = 3;
    private const double PollSeconds = 0.2;

    private readonly List<LoopbackNewsSite> _sites = [];
    private TempDirectory _folder = null!;
    private string _connection = null!;
    private string _suffix = null!;

    [SetUp]
    public async Task SetUp()
    {
        _connection = Environment.GetEnvironmentVariable("ARTICLEPIPELINE_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";
        _suffix = Guid.NewGuid().ToString("N")[..10];
        try
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA hlq_{_suffix}", connection);
            await create.ExecuteNonQueryAsync();
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
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS hl_{_suffix} CASCADE; DROP SCHEMA IF EXISTS hlq_{_suffix} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Nothing to clean up when the server was not there.
        }
    }

    [Test]
    public async Task ThreeWorkers_OneHostAtOneRequestPerSecond_TheSiteNeverSeesTwoRequestsInFlightNorGapsUnderOneSecond()
    {
        await StartSitesAsync(hosts: 1, articles: 10);
        List<ChildCli> workers = StartWorkers(3, delaySeconds: 1);
        try
        {
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(Records) >= 10, TimeSpan.FromSeconds(90));
        }
        finally
        {
            Stop(workers);
        }

        await _sites[0].WaitIdleAsync();
        LoggedRequest[] requests = [.. _sites[0].Requests.OrderBy(r => r.At)];
        double[] gaps = [.. requests.Zip(requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds)];
        bool overlapping = requests.Zip(requests.Skip(1), (a, b) => a.Completed is { } done && done > b.At).Any(o => o);
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{requests.Length} requests from 3 workers, smallest gap {gaps.Min():F3} s, most in flight {requests.Max(r => r.InFlight)}; hosts leased per node: {string.Join(", ", workers.Select(w => w.ErrorLines.Count(l => l.Contains("leased", StringComparison.Ordinal))))}"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requests.Max(r => r.InFlight), Is.EqualTo(1), "never two requests in flight at the site");
            Assert.That(overlapping, Is.False, "no request arrived before the previous one was answered");

            // The client paces request starts; what the server sees moves by a few milliseconds of scheduling.
            Assert.That(gaps.Min(), Is.GreaterThanOrEqualTo(0.98), "at most 1 request/s across the cluster");
            AssertEachArticleWrittenOnce(10);
        }

        Dispose(workers);
    }

    [Test]
    public async Task ThreeWorkers_SixHosts_EveryWorkerHoldsHostsAndWrites()
    {
        await StartSitesAsync(hosts: 6, articles: 8);
        List<ChildCli> workers = StartWorkers(3, delaySeconds: 0.5);
        try
        {
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(Records) >= 48, TimeSpan.FromSeconds(90));
        }
        finally
        {
            Stop(workers);
        }

        int[] written = [.. workers.Select(w => w.ErrorLines.Count(l => l.Contains(": Written (attempt", StringComparison.Ordinal)))];
        await TestContext.Out.WriteLineAsync($"articles written per node: {string.Join(", ", written)}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(written, Is.All.GreaterThan(0), "every worker is busy");
            Assert.That(written.Sum(), Is.EqualTo(48));
            AssertEachArticleWrittenOnce(48);
        }

        Dispose(workers);
    }

    [Test]
    public async Task WorkerKilled_ItsHostsAreTakenOverWithinLeasePlusPoll_AndEveryArticleIsWrittenOnce()
    {
        await StartSitesAsync(hosts: 6, articles: 12);
        List<ChildCli> workers = StartWorkers(3, delaySeconds: 0.5);
        DateTimeOffset killedAt;
        string[] orphaned;
        try
        {
            // Kill a worker while it holds hosts with work left on them.
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(Records) >= 12 && Held(workers[0]).Length > 0, TimeSpan.FromSeconds(90));
            workers[0].Kill();
            killedAt = DateTimeOffset.UtcNow;
            orphaned = Held(workers[0]);
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(Records) >= 72, TimeSpan.FromSeconds(90));
        }
        finally
        {
            Stop(workers.Skip(1));
        }

        var takeovers = workers.Skip(1)
            .SelectMany(w => w.ErrorLines)
            .Where(l => l.Contains(": taken over after an expired lease", StringComparison.Ordinal) && l.Contains(" host ", StringComparison.Ordinal))
            .Select(l => (Host: l.Split(" host ")[1].Split(": ", 2)[0], At: DateTimeOffset.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture)))
            .ToList();
        await TestContext.Out.WriteLineAsync(string.Join("\n", orphaned.Select(h => $"{h}: taken over {takeovers.Where(t => t.Host == h).Select(t => (t.At - killedAt).TotalSeconds).DefaultIfEmpty(double.NaN).Min():F2} s after SIGKILL")));
        using (Assert.EnterMultipleScope())
        {
            foreach (string host in orphaned)
            {
                Assert.That(takeovers.Where(t => t.Host == host).Select(t => (t.At - killedAt).TotalSeconds), Has.Some.LessThanOrEqualTo(LeaseSeconds + PollSeconds + 1), $"{host} taken over within lease + poll (+1 s for the host's interval and the log)");
            }

            AssertEachArticleWrittenOnce(72);
        }

        await RecordAssert.AllValidAsync(Records);
        Dispose(workers);
    }

    [TestCase(503)]
    [TestCase(429)]
    public async Task ThreeWorkers_HostAnswersRetryAfter_NoWorkerAsksTheHostAgainBeforeItHasPassed(int status)
    {
        const int RetryAfterSeconds = 5;
        await StartSitesAsync(hosts: 1, articles: 1);
        LoopbackNewsSite site = _sites[0];
        site.Set("/rss.xml", SiteResponse.RetryAfter(status, RetryAfterSeconds));

        // No retry by the fetcher: the feed fails at once, the discovery queues nothing, and the holder gives the host
        // up; the source's next firing (every 2 s) queues a discovery that any of the three workers may take. (With the
        // refusal on an article instead, a firing during the holding queued the next discovery into the same holding,
        // about one run in three, and no handover was tested.)
        List<ChildCli> workers = StartWorkers(3, delaySeconds: 0.5, maxRetries: 0);
        LoggedRequest refused;
        try
        {
            await WorkerTests.WaitUntilAsync(() => site.Requests.Any(r => r.Status == status), TimeSpan.FromSeconds(60));
            refused = site.Requests.First(r => r.Status == status);
            await WorkerTests.WaitUntilAsync(() => site.Requests.Any(r => r.At > refused.At), TimeSpan.FromSeconds(RetryAfterSeconds + 20));
        }
        finally
        {
            Stop(workers);
        }

        await site.WaitIdleAsync();
        LoggedRequest next = site.Requests.Where(r => r.At > refused.At).OrderBy(r => r.At).First();
        DateTimeOffset refusedAt = refused.At;
        string[] leasedAfter = [.. workers.SelectMany(w => w.ErrorLines)
            .Where(l => l.Contains($" host {site.Authority}: leased", StringComparison.Ordinal))
            .Where(l => DateTimeOffset.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture) > refusedAt)];
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{status} with Retry-After {RetryAfterSeconds} s; next request {next.Path} {(next.At - refused.At).TotalSeconds:F2} s later; host leased {leasedAfter.Length} times after it"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(leasedAfter, Is.Not.Empty, "the host was handed over (leased again) after the answer");

            // The site's clock against the fetcher's: a few milliseconds of scheduling either way.
            Assert.That((next.At - refused.At).TotalSeconds, Is.GreaterThanOrEqualTo(RetryAfterSeconds - 0.05), "no worker asks the host before Retry-After has passed");
        }

        Dispose(workers);
    }

    [Test]
    public async Task ThreeWorkers_SourcesFeedOnAHostAnotherWorkerDrains_ThatHostNeverSeesTwoRequestsInFlightNorGapsUnderItsInterval()
    {
        // Source h0's feed is on h1's host, which another worker holds to fetch h1's articles: h0's holder must wait
        // for that host's lease before it reads the feed, or its request lands between the other worker's.
        (List<ChildCli> workers, LoopbackNewsSite feedHost, LoggedRequest[] requests, double[] gaps) = await CrawlWithH0sFeedOnH1sHostAsync(workers: 3, articles: 6, delaySeconds: 1);
        string[] askedBy = [.. workers.Where(w => w.ErrorLines.Any(l => l.Contains($"host {feedHost.Authority}: leased", StringComparison.Ordinal))).Select(w => w.Id.ToString(CultureInfo.InvariantCulture))];
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{requests.Length} requests at the feed host ({requests.Count(r => r.Path == "/h0-feed.xml")} for h0's feed), smallest gap {gaps.Min():F3} s, most in flight {requests.Max(r => r.InFlight)}; workers that leased it: {askedBy.Length}"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requests.Any(r => r.Path == "/h0-feed.xml"), Is.True, "h0's feed was read");
            Assert.That(requests.Max(r => r.InFlight), Is.EqualTo(1), "never two requests in flight at the feed host");

            // The client paces request starts; what the server sees moves by a few milliseconds of scheduling.
            Assert.That(gaps.Min(), Is.GreaterThanOrEqualTo(0.98), "at most 1 request/s at the feed host across the cluster, h0's feed included");
            AssertEachArticleWrittenOnce(12);
        }

        Dispose(workers);
    }

    [Test]
    public async Task TwoWorkers_SourcesFeedOnAHostWhoseQueueOutlastsTheWait_ItsHolderGivesItUp_AndTheFeedIsReadWhileArticlesRemain()
    {
        // Source h0's feed is on h1's host, whose holder has 24 articles to fetch there at 2 requests/s (about 12 s),
        // far longer than a request may wait for another worker's host (2 s here). Without precedence for the waiting
        // worker, h0's discovery failed as host-busy on every pass until h1's queue was drained (its feed was read
        // 4.3 s after h1's last article request, against 12 s before it now).
        (List<ChildCli> workers, LoopbackNewsSite feedHost, LoggedRequest[] requests, double[] gaps) = await CrawlWithH0sFeedOnH1sHostAsync(workers: 2, articles: 24, delaySeconds: 0.5, foreignHostWaitSeconds: 2);
        LoggedRequest? h0Feed = requests.FirstOrDefault(r => r.Path == "/h0-feed.xml");
        LoggedRequest lastArticle = requests.Last(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal));
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"h0's feed read {(lastArticle.At - (h0Feed?.At ?? lastArticle.At)).TotalSeconds:F1} s before h1's last article request; smallest gap at the feed host {gaps.Min():F3} s"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(h0Feed, Is.Not.Null, "h0's feed was read");
            Assert.That(workers.SelectMany(w => w.ErrorLines), Has.Some.Contains($"host {feedHost.Authority}: held by another worker"), "h0's holder did find the feed host held, and waited");
            Assert.That((lastArticle.At - h0Feed!.At).TotalSeconds, Is.GreaterThan(4), "the feed was read while h1's holder still had articles to fetch there");
            Assert.That(requests.Max(r => r.InFlight), Is.EqualTo(1), "never two requests in flight at the feed host");
            Assert.That(gaps.Min(), Is.GreaterThanOrEqualTo(0.48), "the host's interval held across the hand-over and back");
            AssertEachArticleWrittenOnce(48);
        }

        Dispose(workers);
    }

    private string Records => _folder.Combine("out", "records");

    /// <summary>
    /// Two sites of <paramref name="articles"/> articles each, source h0's feed served by h1's host, crawled by
    /// <paramref name="workers"/> workers holding one host each until every article is written; the feed host's
    /// requests in order of arrival and the gaps between them.
    /// </summary>
    private async Task<(List<ChildCli> Workers, LoopbackNewsSite FeedHost, LoggedRequest[] Requests, double[] Gaps)> CrawlWithH0sFeedOnH1sHostAsync(
        int workers, int articles, double delaySeconds, double foreignHostWaitSeconds = 60)
    {
        await StartSitesAsync(hosts: 2, articles);
        LoopbackNewsSite home = _sites[0], feedHost = _sites[1];
        string feed = File.ReadAllText(_folder.Combine("site0", "rss.xml")).Replace("<link>tin-tuc/", $"<link>{home.Url("tin-tuc/").AbsoluteUri}", StringComparison.Ordinal);
        feedHost.Set("/h0-feed.xml", SiteResponse.Xml(feed));
        List<ChildCli> started = StartWorkers(workers, delaySeconds, hostsPerWorker: 1, feeds: [feedHost.Url("h0-feed.xml"), feedHost.Url("rss.xml")], foreignHostWaitSeconds: foreignHostWaitSeconds);
        try
        {
            await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(Records) >= 2 * articles, TimeSpan.FromSeconds(90));
        }
        finally
        {
            Stop(started);
        }

        await feedHost.WaitIdleAsync();
        LoggedRequest[] requests = [.. feedHost.Requests.OrderBy(r => r.At)];
        return (started, feedHost, requests, [.. requests.Zip(requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds)]);
    }

    /// <summary>The hosts a worker's log says it leased and has not released.</summary>
    private static string[] Held(ChildCli worker)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in worker.ErrorLines.Where(l => l.Contains(": host ", StringComparison.Ordinal)))
        {
            string[] words = line.Split(" host ")[1].Split(": ", 2);
            if (words[1].StartsWith("leased", StringComparison.Ordinal) || words[1].StartsWith("taken over", StringComparison.Ordinal))
            {
                held.Add(words[0]);
            }
            else if (words[1].StartsWith("released", StringComparison.Ordinal))
            {
                held.Remove(words[0]);
            }
        }

        return [.. held];
    }

    private async Task StartSitesAsync(int hosts, int articles)
    {
        for (int i = 0; i < hosts; i++)
        {
            string site = _folder.Combine("site" + i);
            GeneratedSite.Write(site, articles, "h" + i);
            _sites.Add(await LoopbackNewsSite.StartAsync(site));
        }
    }

    /// <summary>Starts the workers, with one source per site (its feed beside it) unless <paramref name="feeds"/> names each source's feed.</summary>
    private List<ChildCli> StartWorkers(int count, double delaySeconds, int maxRetries = 2, int hostsPerWorker = 8, Uri[]? feeds = null, double foreignHostWaitSeconds = 60)
    {
        string sources = _folder.Combine("sources.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = _sites.Select((s, i) => new
            {
                id = "h" + i,
                name = "host " + i,
                homeUrl = s.Url("index.html").AbsoluteUri,
                feeds = new[] { (feeds?[i] ?? s.Url("rss.xml")).AbsoluteUri },
                schedule = "0/2 * * * * ?",
                maxArticlesPerRun = 1000,
            }).ToArray(),
        }));
        string config = CliRun.WriteConfig(_folder, new
        {
            Sources = new { File = sources },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = delaySeconds, MaxConnectionsPerHost = 1, MaxRetries = maxRetries },
            State = new { Provider = "postgres", ConnectionString = _connection + $";Search Path=hlq_{_suffix}", Schema = "hl_" + _suffix },
            Scheduler = new { Clustered = true, WorkerConcurrency = hostsPerWorker, PollSeconds, LeaseSeconds, GracePeriodSeconds = 1, CheckinIntervalSeconds = 2, HealthIntervalSeconds = 1, ForeignHostWaitSeconds = foreignHostWaitSeconds },
        });
        return [.. Enumerable.Range(0, count).Select(i => ChildCli.Start(
            _folder.Path,
            new Dictionary<string, string> { ["ARTICLEPIPELINE__Scheduler__InstanceId"] = "node-" + i },
            "run", "--config", config, "--out", _folder.Combine("out")))];
    }

    private void AssertEachArticleWrittenOnce(int total)
    {
        ManifestEntry[] entries = [.. Directory.GetFiles(_folder.Combine("out", "manifest"), "*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(l => RecordSerializer.DeserializeManifestLine(l)!)];
        Assert.That(WorkerTests.Count(Records), Is.EqualTo(total));
        Assert.That(entries.Count(e => e.Change == "created"), Is.EqualTo(total), "one 'created' line per article");
        Assert.That(entries.GroupBy(e => e.Path).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no article written twice");
    }

    private static void Stop(IEnumerable<ChildCli> workers)
    {
        foreach (ChildCli worker in workers.Where(w => !w.HasExited))
        {
            worker.Terminate();
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
}
