using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, item 4: a crawl whose disk fills up (a real tmpfs) stops taking articles, prints its summary and exits
/// with 1, instead of dying with an unhandled exception (exit 134). What it wrote before is whole, and once space is
/// freed the next pass completes the archive with a manifest that matches the files.
/// </summary>
[TestFixture]
[Category("Root")]
[NonParallelizable]
public sealed class Issue10DiskFullTests
{
    private const int Articles = 150;

    private LoopbackNewsSite _site = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        SiteContent.Publish(_site, 0, Articles);
        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public void Crawl_StateDatabaseOnTheFullDisk_StopsPrintsSummaryAndExitsOne()
    {
        using var disk = SmallDisk.Mount(600);
        string output = Path.Combine(disk.Path, "out");

        using ChildCli crawl = Crawl(Config(stateFolder: null), output);

        string[] records = Issue10Files.Records(output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.EqualTo(1), crawl.Output + "\n" + crawl.Log);
            Assert.That(crawl.Log, Does.Not.Contain("Unhandled exception"));
            Assert.That(crawl.Output, Does.Contain($"sources 1, discovered {Articles},"), "the summary is printed");
            Assert.That(crawl.Output, Does.Contain("stopped: storage full"));
            Assert.That(crawl.Output, Does.Contain("failed: disk-full"));
            Assert.That(records, Has.Length.InRange(1, Articles - 1), "some articles were written before the disk filled up");
        }

        Assert.DoesNotThrowAsync(() => RecordAssert.AllValidAsync(Path.Combine(output, "records")));
    }

    [Test]
    public async Task Crawl_OnlyTheRecordsDiskIsFull_ExitsOneWithoutAbortAndTheNextPassCompletesTheArchive()
    {
        using var disk = SmallDisk.Mount(600);
        string output = Path.Combine(disk.Path, "out");
        string config = Config(stateFolder: _folder.Combine("state"));

        using ChildCli full = Crawl(config, output);
        string[] before = Issue10Files.Records(output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(full.ExitCode, Is.EqualTo(1), full.Output + "\n" + full.Log);
            Assert.That(full.Log, Does.Not.Contain("Unhandled exception"), "nothing aborts, not even the manifest journal at exit");
            Assert.That(full.Output, Does.Contain("stopped: storage full"));
            Assert.That(before, Has.Length.InRange(1, Articles - 1));
        }

        await RecordAssert.AllValidAsync(Path.Combine(output, "records"));

        disk.Resize(64 * 1024);
        using ChildCli again = Crawl(config, output);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.ExitCode, Is.Zero, again.Output + "\n" + again.Log);
            Assert.That(Issue10Files.Records(output), Has.Length.EqualTo(Articles), "every article once");
        }

        await RecordAssert.AllValidAsync(Path.Combine(output, "records"));
        RecordAssert.ManifestMatchesFiles(output);
    }

    private string Config(string? stateFolder)
    {
        string sources = Issue10Files.Sources(_folder, "disk", Issue10Files.FeedSource("disk", _site));
        object network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 };
        return stateFolder is null
            ? Issue10Files.Config(_folder, "state-inside", new { Sources = new { File = sources }, Network = network })
            : Issue10Files.Config(_folder, "state-elsewhere", new
            {
                Sources = new { File = sources },
                Network = network,
                State = new { ConnectionString = $"Data Source={Path.Combine(stateFolder, "state.db")}" },
            });
    }

    private ChildCli Crawl(string config, string output)
    {
        ChildCli child = ChildCli.Start(_folder.Path, "crawl", "--once", "--config", config, "--out", output);
        Assert.That(child.WaitForExit(TimeSpan.FromMinutes(3)), Is.True, "the crawl finished");
        return child;
    }
}
