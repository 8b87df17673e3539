using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 12 (settings validated once): a misspelled key, an out-of-range value and a wrong type each stop every
/// command with exit 2 and one line naming the key, instead of leaving a default silently in force.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue12SettingsTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Crawl_MisspelledNetworkKey_ExitsTwoNamingTheKeyAndTheNearestKnownOne()
    {
        string config = Issue10Files.Config(_folder, "typo", new { Network = new { AllowPrivateAdresses = true } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, "unknown setting Network:AllowPrivateAdresses (did you mean Network:AllowPrivateAddresses?)");
    }

    [Test]
    public async Task Rerun_UnknownSection_ExitsTwoNamingIt()
    {
        string config = Issue10Files.Config(_folder, "section", new { Netwrok = new { MaxBodyBytes = 2048 } });

        CliRun run = await CliRun.RunAsync("rerun", "https://example.com/a.html", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, "unknown setting Netwrok (did you mean Network?)");
    }

    [Test]
    public async Task Extract_MisspelledKeyInTheEnvironment_ExitsTwoNamingIt()
    {
        Environment.SetEnvironmentVariable("ARTICLEPIPELINE__Network__MaxBodyByte", "4096");
        try
        {
            string page = Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html");
            CliRun run = await CliRun.RunAsync("extract", page, "--out", _folder.Combine("out"));

            AssertUsage(run, "unknown setting Network:MaxBodyByte (did you mean Network:MaxBodyBytes?)");
            Assert.That(Directory.Exists(_folder.Combine("out")) ? Directory.GetFiles(_folder.Combine("out"), "*.json", SearchOption.AllDirectories) : [], Is.Empty, "nothing extracted");
        }
        finally
        {
            Environment.SetEnvironmentVariable("ARTICLEPIPELINE__Network__MaxBodyByte", null);
        }
    }

    [Test]
    public async Task TranslatePending_TranslatorRetriesOutOfRange_ExitsTwoNamingTheKey()
    {
        string config = Issue10Files.Config(_folder, "retries", new { Translator = new { MaxRetries = 50 } });

        CliRun run = await CliRun.RunAsync("translate", "--pending", "--config", config, "--out", _folder.Combine("out"));

        AssertUsage(run, "Translator:MaxRetries");
    }

    [Test]
    public async Task Crawl_EveryShippedSettingsFile_HasOnlyKnownKeys()
    {
        // The shipped settings files must pass the same check an operator's file does.
        string[] files = [.. new[] { "config", "samples" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, folder), "appsettings*.json", SearchOption.AllDirectories))];
        Assert.That(files, Is.Not.Empty);
        foreach (string file in files)
        {
            CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", file, "--out", _folder.Combine("out"), "--source", "no-such-source");

            Assert.That(run.Error, Does.Not.Contain("unknown setting").And.Not.Contain("config file"), file + "\n" + run);
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
}
