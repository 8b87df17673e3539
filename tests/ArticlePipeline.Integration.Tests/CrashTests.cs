using System.Diagnostics;
using System.Text;
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
        string cli = Path.Combine(AppContext.BaseDirectory, "article-pipeline.dll");
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

    // A newspaper of 200 articles made from the offline sample's first page, one RSS feed listing them all.
    private static string WriteSite(TempDirectory folder)
    {
        string template = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html"));
        string site = folder.Combine("site");
        Directory.CreateDirectory(Path.Combine(site, "tin-tuc"));
        var rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>");
        for (int i = 0; i < Articles; i++)
        {
            string name = $"bai-viet-so-{i}-a{5000 + i}.html";
            string page = template
                .Replace("nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001", $"bai-viet-so-{i}-a{5000 + i}", StringComparison.Ordinal)
                .Replace("Nông dân Tân Hậu thu hoạch lúa hè thu sớm", $"Bài viết số {i}: nông dân Tân Hậu thu hoạch lúa hè thu sớm", StringComparison.Ordinal)
                .Replace("Theo Phòng Nông nghiệp", $"Theo số liệu {i} của Phòng Nông nghiệp", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(site, "tin-tuc", name), page);
            rss.Append(System.Globalization.CultureInfo.InvariantCulture, $"<item><title>{i}</title><link>tin-tuc/{name}</link></item>");
        }

        File.WriteAllText(Path.Combine(site, "rss.xml"), rss.Append("</channel></rss>").ToString());
        File.WriteAllText(Path.Combine(site, "index.html"), "<html><head><title>home</title></head><body></body></html>");
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
