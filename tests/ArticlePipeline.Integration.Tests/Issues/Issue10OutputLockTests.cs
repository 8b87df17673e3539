using ArticlePipeline.Output.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, item 9: two local commands on one output folder. Three concurrent crawls used to "create" the same records
/// two or three times and two translations to bill everything twice; now the folder is locked, a second command exits
/// 2 naming the holder's pid, and <c>--wait</c> runs it after the first. Real processes, a real kernel lock.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue10OutputLockTests
{
    private const int Articles = 20;
    private const string Key = "lock-test-key-7d1e";

    private LoopbackNewsSite _site = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        SiteContent.Publish(_site, 0, Articles);
        for (int n = 0; n < Articles; n++)
        {
            // A slow site: the first crawl is still running when the others start.
            string path = SiteContent.ArticlePath(n);
            _site.Set(path, SiteResponse.Html(SiteContent.Article(n, _site.Url(path))) with { Delay = TimeSpan.FromMilliseconds(150) });
        }

        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Crawl_SecondCrawlOnTheSameFolder_ExitsTwoNamingThePidAndWaitRunsItAfterwards()
    {
        string config = CrawlConfig();
        using ChildCli first = ChildCli.Start(_folder.Path, "crawl", "--once", "--config", config, "--out", Out);
        await WaitForAsync(() => _site.PageRequests.Any(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal)));

        using ChildCli second = ChildCli.Start(_folder.Path, "crawl", "--once", "--config", config, "--out", Out);
        Assert.That(second.WaitForExit(TimeSpan.FromMinutes(1)), Is.True);
        bool firstStillRunning = !first.HasExited;
        using ChildCli waiting = ChildCli.Start(_folder.Path, "crawl", "--once", "--wait", "--config", config, "--out", Out);

        Assert.That(first.WaitForExit(TimeSpan.FromMinutes(2)), Is.True);
        Assert.That(waiting.WaitForExit(TimeSpan.FromMinutes(2)), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstStillRunning, Is.True, "the second crawl ran while the first held the folder");
            Assert.That(second.ExitCode, Is.EqualTo(2), second.Log);
            Assert.That(second.ErrorLines, Has.Count.EqualTo(1), "one line");
            Assert.That(second.Log, Does.Contain($"is in use by pid {first.Id}"));
            Assert.That(first.ExitCode, Is.Zero, first.Log);
            Assert.That(waiting.ExitCode, Is.Zero, waiting.Log);
            Assert.That(waiting.Log, Does.Contain("waiting"));
            Assert.That(waiting.Output, Does.Contain("written 0"), "it ran after the first: everything was there already");
        }

        AssertEachRecordCreatedOnce(Articles);
    }

    [Test]
    public void Crawl_ThreeAtOnceWithWait_EveryRecordIsCreatedExactlyOnce()
    {
        string config = CrawlConfig();
        ChildCli[] crawls = [.. Enumerable.Range(0, 3).Select(_ => ChildCli.Start(_folder.Path, "crawl", "--once", "--wait", "--config", config, "--out", Out))];
        try
        {
            foreach (ChildCli crawl in crawls)
            {
                Assert.That(crawl.WaitForExit(TimeSpan.FromMinutes(3)), Is.True);
                Assert.That(crawl.ExitCode, Is.Zero, crawl.Log);
            }
        }
        finally
        {
            foreach (ChildCli crawl in crawls)
            {
                crawl.Dispose();
            }
        }

        AssertEachRecordCreatedOnce(Articles);
    }

    [Test]
    public async Task TranslatePending_TwoAtOnce_SecondExitsTwoAndNothingIsTranslatedTwice()
    {
        await using LoopbackTranslator translator = await LoopbackTranslator.StartAsync(Key, new LoopbackTranslatorOptions { ResponseDelay = TimeSpan.FromMilliseconds(300) });
        using (ChildCli crawl = ChildCli.Start(_folder.Path, "crawl", "--once", "--config", CrawlConfig(), "--out", Out))
        {
            Assert.That(crawl.WaitForExit(TimeSpan.FromMinutes(2)) && crawl.ExitCode == 0, Is.True, crawl.Log);
        }

        string config = Issue10Files.Config(_folder, "translate", new
        {
            Translator = new { Provider = "azure", Endpoint = translator.Endpoint.AbsoluteUri, Key, MaxRetries = 0 },
        });
        using ChildCli first = ChildCli.Start(_folder.Path, "translate", "--pending", "--config", config, "--out", Out);
        await WaitForAsync(() => translator.Requests.Count > 0);
        using ChildCli second = ChildCli.Start(_folder.Path, "translate", "--pending", "--config", config, "--out", Out);
        Assert.That(second.WaitForExit(TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(first.WaitForExit(TimeSpan.FromMinutes(2)), Is.True);

        string[] sent = [.. translator.Requests.SelectMany(r => r.Texts.Select(t => r.QueryString + "\n" + t))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.ExitCode, Is.EqualTo(2), second.Log);
            Assert.That(second.Log, Does.Contain($"is in use by pid {first.Id}"));
            Assert.That(first.ExitCode, Is.Zero, first.Log);
            Assert.That(sent, Is.Unique, "no text was sent (and billed) twice");
        }
    }

    private string Out => _folder.Combine("out");

    private string CrawlConfig() => Issue10Files.Config(_folder, "crawl", new
    {
        Sources = new { File = Issue10Files.Sources(_folder, "lock", Issue10Files.FeedSource("lock", _site)) },
        Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 },
    });

    private void AssertEachRecordCreatedOnce(int records)
    {
        ManifestEntry[] entries = [.. Directory.GetFiles(Path.Combine(Out, "manifest"), "*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(line => RecordSerializer.DeserializeManifestLine(line)!)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Issue10Files.Records(Out), Has.Length.EqualTo(records));
            string[] created = [.. entries.Where(e => e.Change == "created").Select(e => e.Id)];
            Assert.That(created, Is.Unique, "no record was created twice");
            Assert.That(created, Has.Length.EqualTo(records));
        }

        RecordAssert.ManifestMatchesFiles(Out);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), "timed out waiting for the first command to start working");
            await Task.Delay(20);
        }
    }
}
