using System.Diagnostics;
using System.Text.Json;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests;

/// <summary>
/// The real command line crawling a generated site is killed with SIGKILL at random moments, 20 times. Afterwards
/// every record parses and validates, the manifest matches the files, and one more run completes the set with no
/// duplicates.
/// </summary>
[TestFixture]
[Category("Crash")]
[NonParallelizable]
public sealed class CrashTests
{
    private const int Articles = 200;
    private const int Kills = 20;

    [Test]
    public async Task CrawlKilledTwentyTimes_LeavesOnlyWholeRecordsAndAConsistentManifest()
    {
        using var folder = new TempDirectory();
        string config = WriteSite(folder);
        string output = folder.Combine("out");
        var random = new Random(20251122);

        int killed = 0;
        for (int i = 0; i < Kills; i++)
        {
            using Process child = StartCrawl(config, output, folder.Path);
            bool exited = child.WaitForExit(random.Next(100, 900));
            if (!exited)
            {
                child.Kill(entireProcessTree: true);
                killed++;
            }

            child.WaitForExit();
            // A run killed during start-up may have written nothing yet; whatever it wrote must be whole.
            await RecordAssert.AllValidAsync(Path.Combine(output, "records"), allowNone: true);
        }

        using Process last = StartCrawl(config, output, folder.Path);
        string summary = await last.StandardOutput.ReadToEndAsync();
        last.WaitForExit();

        string[] records = Directory.GetFiles(Path.Combine(output, "records"), "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(killed, Is.GreaterThan(Kills / 2), "most runs were killed mid-crawl, or the test proves little");
            Assert.That(last.ExitCode, Is.Zero, summary);
            Assert.That(records, Has.Length.EqualTo(Articles), "every article exactly once");
        }

        await RecordAssert.AllValidAsync(Path.Combine(output, "records"));
        RecordAssert.ManifestMatchesFiles(output);
    }

    private static Process StartCrawl(string config, string output, string workingDirectory)
    {
        string cli = ChildCli.CliPath;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { cli, "crawl", "--once", "--config", config, "--out", output })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    // The generated newspaper, read from files, one RSS feed listing every article.
    private static string WriteSite(TempDirectory folder)
    {
        GeneratedSite.Write(folder.Combine("site"), Articles);
        string sources = folder.Combine("sources.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = new[]
            {
                new { id = "crash", name = "Crash test", homeUrl = "site/index.html", feeds = new[] { "site/rss.xml" }, maxArticlesPerRun = 1000 },
            },
        }));
        return CliRun.WriteConfig(folder, new
        {
            Sources = new { File = sources },
            Network = new { AllowFileUrls = true, DelaySeconds = 0 },
        });
    }
}
