using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, items 12 and 14, through the real command line: a server's reason phrase never reaches the terminal or
/// the log raw, a User-Agent that could inject headers is refused at start-up, and proxy environment variables are
/// ignored unless <c>Network:Proxy</c> is set.
/// </summary>
[TestFixture]
public sealed class Issue10ServerTextAndProxyTests
{
    private LoopbackNewsSite _site = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task CrawlOnce_ReasonPhraseWithEscapesAndSixtyKilobytes_PrintsAndLogsOnlyShortCleanLines()
    {
        IReadOnlyList<Uri> healthy = SiteContent.Publish(_site, 1, 2);
        Uri hostile = HostileRoutes.AddEscapeReason(_site);
        _site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss([(hostile, DateTimeOffset.UtcNow), .. healthy.Select(u => (u, DateTimeOffset.UtcNow.AddHours(-1)))])));
        string config = Config(new { Default = "Information" });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        string[] lines = [.. run.Output.Split('\n'), .. run.Error.Split('\n')];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(Directory.GetFiles(_folder.Combine("out", "records", "song-hau"), "*.json", SearchOption.AllDirectories), Has.Length.EqualTo(2), "the healthy articles are written");
            Assert.That(run.Output, Does.Contain("failed: http-500 1"));
            Assert.That(run.Error, Does.Contain("HTTP 500 Internal Server Error"), "the reason is logged, cleaned");
            Assert.That(lines.Where(l => l.TrimEnd('\r').Any(char.IsControl)), Is.Empty, "no ESC, BEL or C1 control reached the output");
            Assert.That(lines.Where(l => l.Contains('\u202E', StringComparison.Ordinal)), Is.Empty, "no bidi override");
            Assert.That(lines.Max(l => l.Length), Is.LessThan(1200), "a 60 KB reason made a 60 KB line");
        }
    }

    [TestCase("MyArchive/1.0\\r\\nX-Injected: yes")]
    [TestCase("MyArchive/1.0\\nX-Injected: yes")]
    public async Task AnyCommand_UserAgentWithLineBreak_ExitsTwoWithOneLine(string userAgent)
    {
        string config = _folder.Combine("ua.json");
        File.WriteAllText(config, "{\"Network\":{\"UserAgent\":\"" + userAgent + "\"}}");

        CliRun run = await CliRun.RunAsync("rerun", _site.Url("/tin-tuc/a1.html").AbsoluteUri, "--config", config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("Network:UserAgent"));
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one-line reason");
            Assert.That(_site.Requests, Is.Empty, "nothing was sent");
        }
    }

    [Test]
    public async Task Rerun_WithHttpProxyEnvironmentVariables_IgnoresThemAndConnectsDirectly()
    {
        // A child process: .NET reads the proxy variables once per process.
        Uri article = SiteContent.Publish(_site, 1, 1)[0];
        string config = Config(null);
        await using LoopbackNewsSite proxy = await LoopbackNewsSite.StartAsync();
        string proxyUrl = proxy.BaseUrl.AbsoluteUri.TrimEnd('/');
        var environment = new Dictionary<string, string>
        {
            ["HTTP_PROXY"] = proxyUrl, ["http_proxy"] = proxyUrl, ["HTTPS_PROXY"] = proxyUrl, ["ALL_PROXY"] = proxyUrl, ["NO_PROXY"] = string.Empty,
        };

        using ChildCli child = ChildCli.Start(_folder.Path, environment, "rerun", article.AbsoluteUri, "--config", config, "--out", _folder.Combine("out"));
        bool exited = child.WaitForExit(TimeSpan.FromSeconds(60));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exited, Is.True, child.Log);
            Assert.That(child.ExitCode, Is.Zero, child.Log);
            Assert.That(proxy.Requests, Is.Empty, "the proxy named by the environment was never asked");
            Assert.That(_site.Requests.Select(r => r.Path), Does.Contain(article.AbsolutePath), "the site was asked directly");
        }
    }

    [Test]
    public async Task Rerun_WithNetworkProxy_GoesThroughIt()
    {
        // The proxy serves the article itself: the request for another host's URL arrives there in absolute form.
        await using LoopbackNewsSite proxy = await LoopbackNewsSite.StartAsync();
        Uri published = SiteContent.Publish(proxy, 1, 1)[0];
        var article = new Uri($"http://93.184.216.34{published.AbsolutePath}");
        string config = Config(null, proxy.BaseUrl.AbsoluteUri.TrimEnd('/'));

        CliRun run = await CliRun.RunAsync("rerun", article.AbsoluteUri, "--config", config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(proxy.Requests.Select(r => r.Path), Does.Contain(published.AbsolutePath));
            Assert.That(_site.Requests, Is.Empty);
        }
    }

    private string Config(object? logging, string? proxy = null)
    {
        string sources = _folder.Combine("sources.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = new[] { new { id = "song-hau", name = "Báo Sông Hậu", homeUrl = _site.BaseUrl.AbsoluteUri, feeds = new[] { _site.Url("/rss.xml").AbsoluteUri } } },
        }));
        return CliRun.WriteConfig(_folder, new
        {
            Sources = new { File = sources },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0, Proxy = proxy ?? string.Empty },
            Logging = new { LogLevel = logging ?? new { Default = "Warning" } },
        });
    }
}
