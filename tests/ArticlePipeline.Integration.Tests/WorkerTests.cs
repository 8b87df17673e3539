using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests;

/// <summary>
/// <c>article-pipeline run</c> on one node: each source job fires on its cron, never overlaps itself, writes
/// records; SIGTERM mid-run leaves no partial file and the next start resumes.
/// </summary>
[TestFixture]
[Category("Worker")]
[NonParallelizable]
public sealed class WorkerTests
{
    private static readonly string SampleSite = Path.Combine(SharedData.RepositoryRoot, "samples", "site");

    [Test]
    public async Task Run_FastCron_EachSourceFiresRepeatedlyNeverOverlapsAndWritesItsRecords()
    {
        using var folder = new TempDirectory();
        await using LoopbackNewsSite first = await LoopbackNewsSite.StartAsync(SampleSite);
        // Two papers, not two mirrors of one: the sample's canonical links name another site, which is not trusted
        // (issue 10, item 8), so identical pages on a second host would be syndicated copies of the first.
        await using LoopbackNewsSite second = await LoopbackNewsSite.StartAsync(SecondPaper(folder.Combine("second-site")));
        string config = WriteConfig(folder, "0/2 * * * * ?", 0.25, (first, "first"), (second, "second"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(11));

        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await ArticlePipeline.Cli.CliApplication.RunAsync(["run", "--config", config, "--out", folder.Combine("out")], output, error, stop.Token);

        string[] articles = Directory.GetFiles(Path.Combine(SampleSite, "tin-tuc"), "*.html").Select(f => "/tin-tuc/" + Path.GetFileName(f)).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero, error.ToString());
            foreach ((LoopbackNewsSite site, string id) in new[] { (first, "first"), (second, "second") })
            {
                string[] paths = site.Requests.Select(r => r.Path).ToArray();
                int runs = paths.Count(p => p == "/rss.xml");
                Assert.That(runs, Is.GreaterThanOrEqualTo(2), $"{id}: the job fired on its cron more than once");

                // A run fetches the feed, then every article. An overlapping second run would fetch the feed again
                // before the first run had fetched all its articles.
                int[] feedAt = paths.Select((p, i) => (p, i)).Where(x => x.p == "/rss.xml").Select(x => x.i).ToArray();
                for (int run = 0; run + 1 < feedAt.Length; run++)
                {
                    string[] between = paths[feedAt[run]..feedAt[run + 1]];
                    Assert.That(articles.All(between.Contains), Is.True, $"{id}: run {run} was complete before run {run + 1} began");
                }

                Assert.That(Directory.GetFiles(folder.Combine("out", "records", id), "*.json", SearchOption.AllDirectories), Has.Length.EqualTo(articles.Length), id);
            }

            Assert.That(error.ToString(), Does.Contain("scheduled on '0/2 * * * * ?'"));
            Assert.That(error.ToString(), Does.Contain("article path ready in"), "the worker prepared its article path before the first firing");
            Assert.That(Directory.GetDirectories(folder.Combine("out", "records")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "first", "second" }), "the built-in page is written nowhere");
            Assert.That(error.ToString(), Does.Contain("written " + articles.Length), "one summary line per source run");
        }

        await RecordAssert.AllValidAsync(folder.Combine("out", "records"));
        RecordAssert.ManifestMatchesFiles(folder.Combine("out"));
    }

    [Test]
    public async Task Run_SigtermMidRun_LeavesNoPartialFileAndTheNextStartFinishesTheSet()
    {
        const int Articles = 60;
        using var folder = new TempDirectory();
        GeneratedSite.Write(folder.Combine("site"), Articles);
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(folder.Combine("site"));
        // A long grace period: the worker must still stop taking articles at once, finishing only the one in flight.
        string config = WriteConfig(folder, "0/1 * * * * ?", 0.1, (site, "slow"), graceSeconds: 30);
        string records = folder.Combine("out", "records", "slow");

        using (ChildCli worker = ChildCli.Start(folder.Path, "run", "--config", config, "--out", folder.Combine("out")))
        {
            await WaitUntilAsync(() => Count(records) >= 10, TimeSpan.FromSeconds(60));
            worker.Terminate();
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(45)), Is.True, "the worker stops on SIGTERM");
            Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "it stops taking articles at once instead of using the whole 30 s grace period");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(worker.ExitCode, Is.Zero, worker.Log);
                Assert.That(worker.Log, Does.Contain("stopped"));
                Assert.That(Count(records), Is.LessThan(Articles), "stopped mid-run");
                Assert.That(Directory.GetFiles(folder.Combine("out"), "*.tmp", SearchOption.AllDirectories), Is.Empty, "no partial file");
            }

            await RecordAssert.AllValidAsync(records);
            RecordAssert.ManifestMatchesFiles(folder.Combine("out"));
        }

        using (ChildCli again = ChildCli.Start(folder.Path, "run", "--config", config, "--out", folder.Combine("out")))
        {
            await WaitUntilAsync(() => Count(records) >= Articles, TimeSpan.FromSeconds(90));
            again.Terminate();
            again.WaitForExit(TimeSpan.FromSeconds(45));
        }

        Assert.That(Count(records), Is.EqualTo(Articles), "the next start resumed and completed the set");
        RecordAssert.ManifestMatchesFiles(folder.Combine("out"));
    }

    [Test]
    public async Task Run_ClusteredWithoutPostgres_ExitsTwo()
    {
        using var folder = new TempDirectory();
        string config = CliRun.WriteConfig(folder, new
        {
            Sources = new { File = Path.Combine(SharedData.RepositoryRoot, "samples", "sources.json") },
            Scheduler = new { Clustered = true },
        });

        CliRun run = await CliRun.RunAsync("run", "--config", config, "--out", folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("State:Provider=postgres"));
        }
    }

    internal static int Count(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        DateTime giveUp = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > giveUp)
            {
                Assert.Fail($"condition not reached within {timeout.TotalSeconds} s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A copy of the sample site whose article titles differ, so its articles are not copies of the sample's.</summary>
    private static string SecondPaper(string target)
    {
        foreach (string file in Directory.GetFiles(SampleSite, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(target, Path.GetRelativePath(SampleSite, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            if (Path.GetFileName(Path.GetDirectoryName(file)) == "tin-tuc" && file.EndsWith(".html", StringComparison.Ordinal))
            {
                string html = File.ReadAllText(file);
                string title = System.Text.RegularExpressions.Regex.Match(html, "<h1[^>]*>([^<]+)</h1>").Groups[1].Value;
                File.WriteAllText(copy, html.Replace(title, title + " (báo thứ hai)", StringComparison.Ordinal));
            }
        }

        return target;
    }

    private static string WriteConfig(TempDirectory folder, string cron, double delaySeconds, params (LoopbackNewsSite Site, string Id)[] sources) =>
        WriteConfig(folder, cron, delaySeconds, sources, graceSeconds: 0.5);

    private static string WriteConfig(TempDirectory folder, string cron, double delaySeconds, (LoopbackNewsSite Site, string Id) source, double graceSeconds) =>
        WriteConfig(folder, cron, delaySeconds, [source], graceSeconds);

    private static string WriteConfig(TempDirectory folder, string cron, double delaySeconds, (LoopbackNewsSite Site, string Id)[] sources, double graceSeconds)
    {
        string file = folder.Combine("sources.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            sources = sources.Select(s => new
            {
                id = s.Id,
                name = s.Id,
                homeUrl = s.Site.Url("index.html").AbsoluteUri,
                feeds = new[] { s.Site.Url("rss.xml").AbsoluteUri },
                schedule = cron,
                maxArticlesPerRun = 1000,
            }).ToArray(),
        }));
        return CliRun.WriteConfig(folder, new
        {
            Sources = new { File = file },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = delaySeconds },
            Scheduler = new { HealthIntervalSeconds = 1, GracePeriodSeconds = graceSeconds },

            // Every run fetches every article again (issue 13's revisit schedule would wait an hour), so that runs
            // overlapping would show in the sites' logs.
            Crawl = new { RevisitSchedule = "0s x1000" },
        });
    }
}
