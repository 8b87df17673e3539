using System.Diagnostics;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, item 5 and the extract naming: operator input that used to abort (exit 134) gets one clear line and exit 2,
/// and one bad input of a batch is reported on its own while the others are still done.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue10OperatorInputTests
{
    private static readonly string SamplePage = Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html");

    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [TestCase("Loud")]
    [TestCase("99")]
    public async Task AnyCommand_UnknownLogLevel_ExitsTwoWithOneLine(string level)
    {
        string config = Issue10Files.Config(_folder, "loud", new { Logging = new { LogLevel = new { Default = level } } });

        CliRun run = await CliRun.RunAsync("rerun", "https://example.com/a.html", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, $"Logging:LogLevel:Default '{level}' is not a log level");
    }

    [TestCase(0)]
    [TestCase(-3)]
    public async Task Crawl_MaxParallelSourcesBelowOne_ExitsTwoWithOneLine(int value)
    {
        string config = Issue10Files.Config(_folder, "parallel", new { Crawl = new { MaxParallelSources = value } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, "Crawl:MaxParallelSources");
    }

    [Test]
    public async Task Crawl_MaxParallelSourcesNotANumber_ExitsTwoWithOneLine()
    {
        string config = Issue10Files.Config(_folder, "parallel", new { Crawl = new { MaxParallelSources = "many" } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, "section Crawl");
    }

    [TestCase(2_000_000_000)]
    [TestCase(512 * 1024 * 1024)]
    public async Task Crawl_MaxBodyBytesLargeEnoughToExhaustMemory_ExitsTwoWithOneLine(int bytes)
    {
        string config = Issue10Files.Config(_folder, "body", new { Network = new { MaxBodyBytes = bytes } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, "Network:MaxBodyBytes");
    }

    [TestCase("Scheduler", "0 0 0 30 2 ?")]
    [TestCase("source", "0 0 0 30 2 ?")]
    [TestCase("source", "0 0 12 ? * MON 2001")]
    public void Run_CronThatNeverFires_ExitsTwoWithOneLine(string where, string cron)
    {
        string sources = Issue10Files.Sources(_folder, "cron", where == "source"
            ? new { id = "cron", name = "cron", homeUrl = "https://example.com/", schedule = cron }
            : new { id = "cron", name = "cron", homeUrl = "https://example.com/", schedule = "" });
        string config = Issue10Files.Config(_folder, "cron", new
        {
            Sources = new { File = sources },
            Scheduler = where == "Scheduler" ? new { DefaultSchedule = cron } : new { DefaultSchedule = "0 0/30 * * * ?" },
        });

        using ChildCli run = ChildCli.Start(_folder.Path, "run", "--config", config, "--out", _folder.Combine("out"));

        Assert.That(run.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "the worker refused to start instead of running: " + run.Log);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Log);
            Assert.That(run.ErrorLines, Has.Count.EqualTo(1), run.Log);
            Assert.That(run.Log, Does.Contain($"'{cron}' never fires"));
        }
    }

    [Test]
    public async Task Extract_SymlinkLoopFifoDeviceAndHugeFileBesideGoodPages_ReportsEachAndExtractsTheGoodOnes()
    {
        string good = _folder.Combine("good.html");
        File.Copy(SamplePage, good);
        string loop = _folder.Combine("loop-a.html");
        File.CreateSymbolicLink(_folder.Combine("loop-b.html"), loop);
        File.CreateSymbolicLink(loop, _folder.Combine("loop-b.html"));
        string huge = _folder.Combine("huge.html");
        using (FileStream sparse = File.Create(huge))
        {
            sparse.SetLength(3L * 1024 * 1024 * 1024);
        }

        string fifo = _folder.Combine("pipe.html");
        MakeFifo(fifo);
        string last = _folder.Combine("last.html");
        File.Copy(SamplePage, last);

        CliRun run = await CliRun.RunAsync("extract", good, loop, huge, "/dev/zero", fifo, last, "--out", _folder.Combine("out"));

        string[] errors = run.Error.Trim().Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(errors, Has.Length.EqualTo(4), "one line per bad input: " + run.Error);
            Assert.That(run.Error, Does.Contain("loop-a.html: a symbolic link loop"));
            Assert.That(run.Error, Does.Contain("huge.html: 3221225472 bytes, larger than 10485760 bytes (Network:MaxBodyBytes)"));
            Assert.That(run.Error, Does.Contain("/dev/zero: not a regular file (a character device)"));
            Assert.That(run.Error, Does.Contain("pipe.html: not a regular file (a FIFO)"));
            Assert.That(File.Exists(_folder.Combine("out", "good.html.json")), Is.True, "the input before the bad ones");
            Assert.That(File.Exists(_folder.Combine("out", "last.html.json")), Is.True, "the input after the bad ones");
        }

        await RecordAssert.AllValidAsync(_folder.Combine("out"));
    }

    [Test]
    public async Task Validate_SymlinkLoopAmongRecords_ReportsItAndChecksTheOthers()
    {
        string records = _folder.Combine("records");
        CliRun extract = await CliRun.RunAsync("extract", SamplePage, "--out", records);
        Assert.That(extract.ExitCode, Is.Zero, extract.ToString());
        File.CreateSymbolicLink(Path.Combine(records, "a.json"), Path.Combine(records, "b.json"));
        File.CreateSymbolicLink(Path.Combine(records, "b.json"), Path.Combine(records, "a.json"));

        CliRun run = await CliRun.RunAsync("validate", records);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("a.json: a symbolic link loop").And.Contain("b.json: a symbolic link loop"));
            Assert.That(run.Output, Does.Contain("3 records, 2 invalid"), "the good record was checked too");
        }
    }

    [Test]
    public async Task Extract_TwoInputsNamedIndexHtml_WritesTwoRecordsAndSaysWhichInputWentWhere()
    {
        Directory.CreateDirectory(_folder.Combine("a"));
        Directory.CreateDirectory(_folder.Combine("b"));
        string first = _folder.Combine("a", "index.html");
        string second = _folder.Combine("b", "index.html");
        File.Copy(SamplePage, first);
        File.WriteAllText(second, File.ReadAllText(SamplePage).Replace("Nông dân Tân Hậu", "Nông dân Tân Hòa", StringComparison.Ordinal));

        CliRun run = await CliRun.RunAsync("extract", first, second, "--out", _folder.Combine("out"));
        CliRun again = await CliRun.RunAsync("extract", first, second, "--out", _folder.Combine("out"));

        string[] outputs = Directory.GetFiles(_folder.Combine("out"), "*.json");
        string[] lines = run.Output.Trim().Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(outputs, Has.Length.EqualTo(2), "neither input overwrote the other");
            Assert.That(outputs.Select(Path.GetFileName), Has.All.Match(@"^index\.html\.[0-9a-f]{8}\.json$"));
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Does.StartWith(first + " -> ").And.EndWith(".json"));
            Assert.That(lines[1], Does.StartWith(second + " -> ").And.EndWith(".json"));
            Assert.That(File.ReadAllText(lines[1].Split(" -> ")[1]), Does.Contain("Tân Hòa"), "each output holds its own input");
            Assert.That(again.Output, Is.EqualTo(run.Output), "the same inputs get the same names");
        }
    }

    private static void AssertUsage(CliRun run, string reason)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain(reason));
        }
    }

    private static void MakeFifo(string path)
    {
        using Process mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
    }
}
