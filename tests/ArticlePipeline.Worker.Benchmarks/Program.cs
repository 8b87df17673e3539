using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using Npgsql;
using static System.FormattableString;

// Usage: dotnet run -c Release --project tests/ArticlePipeline.Worker.Benchmarks [-- [politeness [1|3]] [postgres-connection-string]]
// 1. Scheduling overhead: one local worker, a source on a one-second cron, how late each firing starts.
// 2. Cluster (needs PostgreSQL): 200 articles on 10 hosts at 5 requests/second each, with 1 and with 3 workers;
//    then a worker killed with SIGKILL, and how long until another node takes over its leased items.
// 3. Politeness across the cluster (issue 13; needs PostgreSQL; alone with the argument "politeness"): 600 articles
//    on 12 hosts at 2 requests/s each, 1 worker and 3 workers, against the bound articles / (hosts x rate), and the
//    highest per-host rate seen in the servers' logs. "politeness 3" runs the three workers only (A/B runs of a change).
//    With ARTICLEPIPELINE_BENCH_LOGS=<folder>, each worker's log and each site's request log are written there.
bool politenessOnly = args.Contains("politeness");
int? onlyWorkers = args.Where(a => a is "1" or "3").Select(int.Parse).Cast<int?>().FirstOrDefault();
string connection = args.FirstOrDefault(a => a != "politeness" && a is not ("1" or "3"))
    ?? Environment.GetEnvironmentVariable("ARTICLEPIPELINE_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";

if (!politenessOnly)
{
    await SchedulingOverheadAsync();
}

try
{
    await using (var probe = new NpgsqlConnection(connection))
    {
        await probe.OpenAsync();
    }
}
catch (NpgsqlException ex)
{
    Console.WriteLine($"cluster figures skipped: PostgreSQL not reachable ({ex.Message})");
    return;
}

if (!politenessOnly)
{
    double one = await ClusterAsync(connection, workers: 1, killAfter: null);
    double three = await ClusterAsync(connection, workers: 3, killAfter: null);
    Console.WriteLine($"throughput: 1 worker {200 / one:F1} articles/s ({one:F1} s), 3 workers {200 / three:F1} articles/s ({three:F1} s), ratio {one / three:F2}");
    await ClusterAsync(connection, workers: 3, killAfter: 60);
}

const int PoliteHosts = 12, PoliteArticles = 600;
const double PoliteRate = 2;
double bound = PoliteArticles / (PoliteHosts * PoliteRate);
if (onlyWorkers is { } only)
{
    Politeness alone = await PolitenessAsync(connection, workers: only);
    Console.WriteLine($"politeness: {PoliteArticles} articles on {PoliteHosts} hosts at {PoliteRate} requests/s; bound {bound:F1} s; {only} worker(s): {alone.Describe(bound)}");
    return;
}

Politeness oneWorker = await PolitenessAsync(connection, workers: 1);
Politeness threeWorkers = await PolitenessAsync(connection, workers: 3);
Console.WriteLine($"politeness: {PoliteArticles} articles on {PoliteHosts} hosts at {PoliteRate} requests/s; bound articles/(hosts x rate) = {bound:F1} s");
Console.WriteLine($"  1 worker : {oneWorker.Describe(bound)}");
Console.WriteLine($"  3 workers: {threeWorkers.Describe(bound)}");
Console.WriteLine($"  3 workers / 1 worker, from the first request: {threeWorkers.FromFirstRequest / oneWorker.FromFirstRequest:F2}");

static async Task<Politeness> PolitenessAsync(string connection, int workers)
{
    using var folder = new TempDirectory();
    string suffix = Guid.NewGuid().ToString("N")[..10];
    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA qz_{suffix}", db);
        await create.ExecuteNonQueryAsync();
    }

    var sites = new List<LoopbackNewsSite>();
    for (int i = 0; i < PoliteHosts; i++)
    {
        GeneratedSite.Write(folder.Combine("site" + i), PoliteArticles / PoliteHosts, "p" + i);
        sites.Add(await LoopbackNewsSite.StartAsync(folder.Combine("site" + i)));
    }

    await WarmSiteServerAsync(folder);

    // Hosts per worker above the host count, so one worker may hold all of them: the bound is the hosts' rate, not ours.
    string config = WriteConfig(folder, sites, "0/5 * * * * ?", 1 / PoliteRate, extra: new
    {
        Network = new { AllowPrivateAddresses = true, DelaySeconds = 1 / PoliteRate, MaxConnectionsPerHost = 1 },
        State = new { Provider = "postgres", ConnectionString = connection + $";Search Path=qz_{suffix}", Schema = "cl_" + suffix },
        Scheduler = new { Clustered = true, WorkerConcurrency = 16, PollSeconds = 0.2, LeaseSeconds = 5, GracePeriodSeconds = 1, CheckinIntervalSeconds = 2 },
        Logging = new { LogLevel = new Dictionary<string, string> { ["ArticlePipeline.Scheduling"] = "Debug" } },
    });
    string records = folder.Combine("out", "records");
    DateTimeOffset started = DateTimeOffset.UtcNow;
    var stopwatch = Stopwatch.StartNew();
    var nodes = Enumerable.Range(0, workers)
        .Select(i => ChildCli.Start(folder.Path, new Dictionary<string, string> { ["ARTICLEPIPELINE__Scheduler__InstanceId"] = "node-" + i }, "run", "--config", config, "--out", folder.Combine("out")))
        .ToList();
    // CPU once a tenth of the articles is written (start-up, JIT of the article path, discovery) and at the end:
    // the difference over the other nine tenths is the CPU an article costs once the processes are warm.
    double[]? cpuWarm = null;
    int warmAt = 0;
    while (Count(records) < PoliteArticles && stopwatch.Elapsed < TimeSpan.FromMinutes(4))
    {
        if (cpuWarm is null && Count(records) is var written && written >= PoliteArticles / 10)
        {
            cpuWarm = [.. nodes.Select(n => CpuSeconds(n.Id))];
            warmAt = written;
        }

        await Task.Delay(50);
    }

    double seconds = stopwatch.Elapsed.TotalSeconds;

    // CPU of each worker process up to the last record, read before the stop signal adds its shutdown.
    double[] cpu = [.. nodes.Select(n => CpuSeconds(n.Id))];
    foreach (ChildCli node in nodes)
    {
        node.Terminate();
    }

    foreach (ChildCli node in nodes)
    {
        node.WaitForExit(TimeSpan.FromSeconds(30));
        node.Dispose();
    }

    if (Environment.GetEnvironmentVariable("ARTICLEPIPELINE_BENCH_LOGS") is { } logs)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            File.WriteAllLines(Path.Combine(logs, $"node-{i}.log"), nodes[i].ErrorLines.Concat(nodes[i].OutputLines));
        }
    }

    var timeline = new PolitenessTimeline(started, 1 / PoliteRate);
    for (int i = 0; i < nodes.Count; i++)
    {
        timeline.AddWorker("node-" + i, nodes[i].ErrorLines, seconds);
    }

    double maxRate = 0, minGap = double.MaxValue;
    foreach (LoopbackNewsSite site in sites)
    {
        await site.WaitIdleAsync();
        timeline.AddSite(site.Authority, site.Requests);
        if (Environment.GetEnvironmentVariable("ARTICLEPIPELINE_BENCH_LOGS") is { } siteLogs)
        {
            File.WriteAllLines(Path.Combine(siteLogs, $"site-{site.BaseUrl.Port}.log"), site.Requests.Select(r => Invariant($"{r.At:O} +{((r.Completed ?? r.At) - r.At).TotalMilliseconds:F0} ms {r.Status} {r.Path}")));
        }

        DateTimeOffset[] starts = [.. site.Requests.Select(r => r.At).Order()];
        for (int i = 0; i < starts.Length; i++)
        {
            maxRate = Math.Max(maxRate, starts.Skip(i).TakeWhile(t => t - starts[i] < TimeSpan.FromSeconds(1)).Count());
            if (i > 0)
            {
                minGap = Math.Min(minGap, (starts[i] - starts[i - 1]).TotalSeconds);
            }
        }

        await site.DisposeAsync();
    }

    if (Count(records) < PoliteArticles)
    {
        Console.WriteLine($"politeness with {workers} worker(s): only {Count(records)} of {PoliteArticles} records after {seconds:F0} s");
    }

    // "From first request" leaves out process start-up, the cron's first firing and the wait for a host lease: what
    // remains is discovery and the articles at the hosts' rate.
    double fromFirst = seconds - timeline.FirstRequest;
    // "From the first firing" adds the crawler's own start: the job queueing the discoveries, a worker leasing the
    // host, and the worker's first request; it still leaves out process start-up and the wait for the cron's boundary.
    DateTimeOffset[] fired = [.. nodes.SelectMany(n => n.ErrorLines)
        .Where(l => l.Contains("job fired", StringComparison.Ordinal))
        .Select(l => DateTimeOffset.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture))];
    double fromFiring = fired.Length == 0 ? double.NaN : seconds - (fired.Min() - started).TotalSeconds;
    Console.WriteLine($"politeness, {workers} worker(s): {seconds:F1} s from process start; first request at {timeline.FirstRequest:F1} s, first article request at {timeline.FirstArticle:F1} s; from first request to last record {fromFirst:F1} s (ratio to the bound {fromFirst / (PoliteArticles / (PoliteHosts * PoliteRate)):F2}); from the cron's first firing {fromFiring:F1} s (ratio {fromFiring / (PoliteArticles / (PoliteHosts * PoliteRate)):F2})");
    (double medianSpan, double maxSpan) = timeline.HostSpans;
    double hostBound = PoliteArticles / PoliteHosts / PoliteRate;
    Console.WriteLine($"    per host, first request to last article request (excludes start-up, the cron's first firing, other hosts): median {medianSpan:F1} s, max {maxSpan:F1} s; host bound {hostBound:F1} s, ratio {medianSpan / hostBound:F2} / {maxSpan / hostBound:F2}");
    Console.WriteLine($"    CPU seconds per worker process (utime+stime at the last record): {string.Join(", ", cpu.Select(c => c.ToString("F2", CultureInfo.InvariantCulture)))}; total {cpu.Sum():F2} s = {cpu.Sum() * 1000 / PoliteArticles:F1} ms per article");
    if (cpuWarm is not null)
    {
        Console.WriteLine($"    CPU until {warmAt} records (start-up, JIT, discovery) {cpuWarm.Sum():F2} s; after: {(cpu.Sum() - cpuWarm.Sum()) * 1000 / (PoliteArticles - warmAt):F1} ms per article");
    }

    // How late each source's first firing started after its scheduled time, over all workers: the sources' discoveries
    // are queued only then, so the spread is how much later the last host can start than the first.
    double[] firings = [.. nodes.SelectMany(n => n.ErrorLines)
        .Where(l => l.Contains("job fired", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split("job fired ")[1].Split(' ')[0], CultureInfo.InvariantCulture))
        .Order()];
    if (firings.Length > 0)
    {
        Console.WriteLine($"    cron firings ({firings.Length}): started {firings[0]:F0}-{firings[^1]:F0} ms after their scheduled time, median {firings[firings.Length / 2]:F0} ms");
    }

    Console.WriteLine(timeline.Describe(seconds, bucket: 5));

    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA qz_{suffix} CASCADE; DROP SCHEMA IF EXISTS cl_{suffix} CASCADE", db);
        await drop.ExecuteNonQueryAsync();
    }

    return new Politeness(seconds, fromFiring, fromFirst, maxRate, minGap);
}

// The sites run in this process: the first requests it serves compile its web server and the site's handler, which
// held the workers' first requests (robots.txt) for up to 0.6 s. A real site is warm; a throwaway one is asked each kind
// of page first, so that is not counted against the crawler.
static async Task WarmSiteServerAsync(TempDirectory folder)
{
    string[] articles = GeneratedSite.Write(folder.Combine("warm"), 2, "warm");
    await using LoopbackNewsSite warm = await LoopbackNewsSite.StartAsync(folder.Combine("warm"));
    using var client = new HttpClient();
    foreach (string path in new[] { "robots.txt", "index.html", "rss.xml", "tin-tuc/" + articles[0], "tin-tuc/" + articles[1] })
    {
        using HttpResponseMessage response = await client.GetAsync(warm.Url(path));
        await response.Content.ReadAsByteArrayAsync();
    }
}

static async Task SchedulingOverheadAsync()
{
    using var folder = new TempDirectory();
    await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(Path.Combine(SharedData.RepositoryRoot, "samples", "site"));
    string config = WriteConfig(folder, [site], "0/1 * * * * ?", 0, extra: new { Logging = new { LogLevel = new Dictionary<string, string> { ["ArticlePipeline.Scheduling"] = "Debug" } } });
    using ChildCli worker = ChildCli.Start(folder.Path, "run", "--config", config, "--out", folder.Combine("out"));
    await Task.Delay(TimeSpan.FromSeconds(20));
    worker.Terminate();
    worker.WaitForExit(TimeSpan.FromSeconds(30));
    double[] delays = worker.ErrorLines
        .Where(l => l.Contains("job fired", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split("job fired ")[1].Split(' ')[0], CultureInfo.InvariantCulture))
        .Order()
        .ToArray();
    if (delays.Length == 0)
    {
        Console.WriteLine("scheduling overhead: no firing seen\n" + worker.Log);
        return;
    }

    Console.WriteLine($"scheduling overhead per firing ({delays.Length} firings): median {delays[delays.Length / 2]:F1} ms, p95 {delays[(int)(delays.Length * 0.95)]:F1} ms, max {delays[^1]:F1} ms");
}

static async Task<double> ClusterAsync(string connection, int workers, int? killAfter)
{
    using var folder = new TempDirectory();
    string suffix = Guid.NewGuid().ToString("N")[..10];
    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA qz_{suffix}", db);
        await create.ExecuteNonQueryAsync();
    }

    var sites = new List<LoopbackNewsSite>();
    for (int i = 0; i < 10; i++)
    {
        GeneratedSite.Write(folder.Combine("site" + i), 20, "s" + i);
        sites.Add(await LoopbackNewsSite.StartAsync(folder.Combine("site" + i)));
    }

    const double LeaseSeconds = 5, PollSeconds = 0.5;
    string config = WriteConfig(folder, sites, "0/2 * * * * ?", 0.2, extra: new
    {
        State = new { Provider = "postgres", ConnectionString = connection + $";Search Path=qz_{suffix}", Schema = "cl_" + suffix },
        Scheduler = new { Clustered = true, WorkerConcurrency = 2, PollSeconds, LeaseSeconds, GracePeriodSeconds = 1, CheckinIntervalSeconds = 2 },
    });
    string records = folder.Combine("out", "records");
    var stopwatch = Stopwatch.StartNew();
    var nodes = Enumerable.Range(0, workers)
        .Select(i => ChildCli.Start(folder.Path, new Dictionary<string, string> { ["ARTICLEPIPELINE__Scheduler__InstanceId"] = "node-" + i }, "run", "--config", config, "--out", folder.Combine("out")))
        .ToList();
    DateTimeOffset? killedAt = null;
    while (Count(records) < 200 && stopwatch.Elapsed < TimeSpan.FromMinutes(3))
    {
        if (killAfter is { } threshold && killedAt is null && Count(records) >= threshold)
        {
            nodes[0].Kill();
            killedAt = DateTimeOffset.UtcNow;
        }

        await Task.Delay(50);
    }

    double seconds = stopwatch.Elapsed.TotalSeconds;
    foreach (ChildCli node in nodes.Where(n => !n.HasExited))
    {
        node.Terminate();
    }

    foreach (ChildCli node in nodes)
    {
        node.WaitForExit(TimeSpan.FromSeconds(30));
    }

    if (killedAt is { } at)
    {
        DateTimeOffset[] takeovers = nodes.Skip(1)
            .SelectMany(n => n.ErrorLines)
            .Where(l => l.Contains("taken over after an expired lease", StringComparison.Ordinal))
            .Select(l => DateTimeOffset.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture))
            .Order()
            .ToArray();
        Console.WriteLine(takeovers.Length == 0
            ? "lease takeover: the killed node held no item"
            : $"lease takeover: first {(takeovers[0] - at).TotalSeconds:F1} s after SIGKILL, last {(takeovers[^1] - at).TotalSeconds:F1} s ({takeovers.Length} items; bound: lease {LeaseSeconds} s + poll {PollSeconds} s); records {Count(records)}/200");
    }

    foreach (ChildCli node in nodes)
    {
        node.Dispose();
    }

    foreach (LoopbackNewsSite site in sites)
    {
        await site.DisposeAsync();
    }

    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA qz_{suffix} CASCADE; DROP SCHEMA IF EXISTS cl_{suffix} CASCADE", db);
        await drop.ExecuteNonQueryAsync();
    }

    return seconds;
}

// utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s); NaN elsewhere.
static double CpuSeconds(int pid)
{
    try
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (IOException)
    {
        return double.NaN;
    }
}

static int Count(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Length : 0;

static string WriteConfig(TempDirectory folder, IReadOnlyList<LoopbackNewsSite> sites, string cron, double delaySeconds, object extra)
{
    string file = folder.Combine("sources.json");
    File.WriteAllText(file, JsonSerializer.Serialize(new
    {
        sources = sites.Select((s, i) => new { id = "s" + i, name = "site " + i, homeUrl = s.Url("index.html").AbsoluteUri, feeds = new[] { s.Url("rss.xml").AbsoluteUri }, schedule = cron, maxArticlesPerRun = 1000 }).ToArray(),
    }));
    var settings = new Dictionary<string, object>
    {
        ["Sources"] = new { File = file },
        ["Network"] = new { AllowPrivateAddresses = true, DelaySeconds = delaySeconds },
    };
    using JsonDocument more = JsonDocument.Parse(JsonSerializer.Serialize(extra));
    foreach (JsonProperty property in more.RootElement.EnumerateObject())
    {
        settings[property.Name] = property.Value.Clone();
    }

    string path = folder.Combine("appsettings.bench.json");
    File.WriteAllText(path, JsonSerializer.Serialize(settings));
    return path;
}

/// <summary>One politeness run: seconds to the last record from process start, from the cron's first firing and from the sites' first request; the sites' highest rate and smallest gap.</summary>
internal sealed record Politeness(double FromStart, double FromFiring, double FromFirstRequest, double MaxRate, double MinGap)
{
    public string Describe(double bound) => string.Create(CultureInfo.InvariantCulture,
        $"from the first request {FromFirstRequest:F1} s (ratio to the bound {FromFirstRequest / bound:F2}), from the cron's first firing {FromFiring:F1} s ({FromFiring / bound:F2}), from process start {FromStart:F1} s ({FromStart / bound:F2}); max per-host rate in any 1 s window {MaxRate:F0}/s, smallest per-host gap {MinGap:F3} s");
}
