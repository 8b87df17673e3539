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
            Assert.That(second.Output, Does.Contain("written 0").And.Contain($"unchanged {articles}"));
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
            Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EquivalentTo(inputs.Select(i => i + ".json")));
        }
    }

    [TestCase("seeds")]
    [TestCase("corpus", "vi-news", "dev")]
    public async Task Extract_SharedPages_OneRecordPerInputNoCrash(params string[] parts)
    {
        string? input = SharedData.Find(parts);
        if (input is null)
        {
            Assert.Ignore($"../shared/{string.Join('/', parts)} absent");
        }

        using var folder = new TempDirectory();
        CliRun run = await CliRun.RunAsync("extract", input, "--out", folder.Path);

        int pages = Directory.GetFiles(input).Count(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Directory.GetFiles(folder.Path, "*.json"), Has.Length.EqualTo(pages));
        }
    }
}
