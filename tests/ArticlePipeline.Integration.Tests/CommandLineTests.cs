using System.Text.Json;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests;

/// <summary>The commands as the README shows them: help, extract, crawl --once on the offline sample.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    private static readonly string SampleSite = Path.Combine(SharedData.RepositoryRoot, "samples", "site");

    [Test]
    public async Task Help_ListsEverySubcommand()
    {
        CliRun run = await CliRun.RunAsync("--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero);
            foreach (string command in new[] { "rerun", "extract", "crawl", "run", "translate", "validate" })
            {
                Assert.That(run.Output, Does.Contain("  " + command), command);
            }
        }
    }

    [TestCase("rerun", "--force")]
    [TestCase("extract", "--url")]
    [TestCase("crawl", "--source")]
    public async Task SubcommandHelp_DescribesItsOptions(string command, string option)
    {
        CliRun run = await CliRun.RunAsync(command, "--help");

        Assert.That(run.Output, Does.Contain(option).And.Contain("--config").Or.Contain("--out"));
    }

    [Test]
    public async Task CrawlOnce_OfflineSample_WritesEveryArticleThenNothingOnSecondPass()
    {
        using var folder = new TempDirectory();
        string config = CliRun.WriteConfig(folder, new
        {
            Sources = new { File = Path.Combine(SharedData.RepositoryRoot, "samples", "sources.json") },
            Network = new { AllowFileUrls = true, DelaySeconds = 0 },
        });

        CliRun first = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", folder.Combine("out"));
        CliRun second = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", folder.Combine("out"));

        string[] records = Directory.GetFiles(folder.Combine("out", "records", "baosonghau"), "*.json", SearchOption.AllDirectories);
        int articles = Directory.GetFiles(Path.Combine(SampleSite, "tin-tuc"), "*.html").Length;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(first.Output, Does.Contain($"discovered {articles}").And.Contain($"written {articles}").And.Contain("failed 0"));
            Assert.That(records, Has.Length.EqualTo(articles));
            // Issue 13: a known article is not read again before its first revisit is due (an hour by default).
            Assert.That(second.Output, Does.Contain("written 0").And.Contain($"not-due {articles}"));
            Assert.That(first.Output.Split('\n').Count(l => l.StartsWith("written file:", StringComparison.Ordinal)), Is.EqualTo(articles), "redirected output gets one plain line per article");
            Assert.That(second.Output.Split('\n').Count(l => l.StartsWith("written file:", StringComparison.Ordinal)), Is.Zero);
            RecordAssert.ManifestMatchesFiles(folder.Combine("out"));
            foreach (string path in records)
            {
                using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(path));
                Assert.That(record.RootElement.GetProperty("source").GetProperty("id").GetString(), Is.EqualTo("baosonghau"));
                Assert.That(record.RootElement.GetProperty("url").GetString(), Does.StartWith("https://baosonghau.example.vn/tin-tuc/"), "the canonical URL names the article");
            }
        }
    }

    [Test]
    public async Task CrawlOnce_FileSourcesWithoutPermission_FailsEveryArticleClearly()
    {
        using var folder = new TempDirectory();
        string config = CliRun.WriteConfig(folder, new
        {
            Sources = new { File = Path.Combine(SharedData.RepositoryRoot, "samples", "sources.json") },
            Network = new { AllowFileUrls = false },
        });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Output, Does.Contain("written 0"));
            Assert.That(run.Output, Does.Contain("scheme").Or.Contain("AllowFileUrls"));
        }
    }

    [Test]
    public async Task Extract_SampleFolder_WritesOneRecordPerPageNamedAfterIt()
    {
        using var folder = new TempDirectory();
        string pages = Path.Combine(SampleSite, "tin-tuc");

        CliRun run = await CliRun.RunAsync("extract", pages, "--out", folder.Path);

        string[] inputs = Directory.GetFiles(pages, "*.html").Select(Path.GetFileName).ToArray()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            // Dot-files are the tool's own (the output folder's .lock); the records are the rest.
            Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')), Is.EquivalentTo(inputs.Select(i => i + ".json")));
        }

        await RecordAssert.AllValidAsync(folder.Path);
    }

    [Test]
    public async Task Extract_SameInputTwice_WritesByteIdenticalRecords()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        string pages = Path.Combine(SampleSite, "tin-tuc");

        await CliRun.RunAsync("extract", pages, "--out", first.Path);
        await CliRun.RunAsync("extract", pages, "--out", second.Path);

        string[] names = Directory.GetFiles(first.Path).Select(Path.GetFileName).ToArray()!;
        Assert.That(names, Is.Not.Empty);
        foreach (string name in names)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(second.Path, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first.Path, name))), name);
        }
    }

    [Test]
    public async Task Validate_GoodAndBrokenRecords_ReportsTheBrokenOneAndExitsOne()
    {
        using var folder = new TempDirectory();
        await CliRun.RunAsync("extract", Path.Combine(SampleSite, "tin-tuc"), "--out", folder.Path);
        string broken = Path.Combine(folder.Path, "broken.json");
        string good = Directory.GetFiles(folder.Path, "*.json")[0];
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(good)).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 7", StringComparison.Ordinal));

        CliRun valid = await CliRun.RunAsync("validate", good);
        CliRun run = await CliRun.RunAsync("validate", folder.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(valid.ExitCode, Is.Zero, valid.ToString());
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("broken.json").And.Contain("schemaVersion"));
            Assert.That(run.Output, Does.Contain("7 records, 1 invalid"));
        }
    }

    [Test]
    public async Task Validate_MissingFolder_ExitsTwo()
    {
        CliRun run = await CliRun.RunAsync("validate", "/no/such/folder");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
    }

    [TestCase("seeds")]
    [TestCase("corpus", "vi-news", "dev")]
    public async Task Extract_SharedPages_OneRecordPerInputNoCrash(params string[] parts)
    {
        string input = SharedData.Require(parts);

        using var folder = new TempDirectory();
        CliRun run = await CliRun.RunAsync("extract", input, "--out", folder.Path);

        int pages = Directory.GetFiles(input).Count(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Directory.GetFiles(folder.Path, "*.json"), Has.Length.EqualTo(pages));
        }

        await RecordAssert.AllValidAsync(folder.Path);
    }
}
