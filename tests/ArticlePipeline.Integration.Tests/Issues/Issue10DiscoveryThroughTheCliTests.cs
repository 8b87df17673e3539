using System.Globalization;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, "Also reported wrong", and issue 11's code pages, through the real command line against loopback sites:
/// a pass whose every source is refused exits 1, a refused home page is reported beside working feeds, and a
/// windows-1258 feed is read by a fresh process that has decoded nothing before.
/// </summary>
[TestFixture]
public sealed class Issue10DiscoveryThroughTheCliTests
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
    public async Task CrawlOnce_EverySourcesDiscoveryRefused_ExitsOneAndSaysSo()
    {
        SiteContent.Publish(_site, 0, 2);
        string sources = Issue10Files.Sources(_folder, "refused", Issue10Files.FeedSource("mot", _site), Issue10Files.FeedSource("hai", _site));
        // Loopback addresses are refused unless allowed: every request of both sources is refused before connecting.
        string config = Issue10Files.Config(_folder, "crawl", new { Sources = new { File = sources }, Network = new { AllowPrivateAddresses = false, MaxRetries = 0 } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("discovery failed: 2 of 2 sources could read none of their feeds, sitemaps or pages"));
            Assert.That(run.Output, Does.Contain("problem: mot: home page " + _site.BaseUrl.AbsoluteUri));
            Assert.That(_site.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task CrawlOnce_OneSourceRefusedBesideAHealthyOne_ExitsZero()
    {
        await using LoopbackNewsSite healthy = await LoopbackNewsSite.StartAsync();
        SiteContent.Publish(healthy, 0, 2);
        string sources = Issue10Files.Sources(
            _folder,
            "mixed",
            Issue10Files.FeedSource("healthy", healthy),
            new { id = "refused", name = "refused", homeUrl = "file:///etc/", feeds = new[] { "file:///etc/passwd" } });
        string config = Issue10Files.Config(_folder, "crawl", new { Sources = new { File = sources }, Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Contain("written 2,"));
            Assert.That(run.Output, Does.Contain("discovery failed: 1 of 2 sources"));
        }
    }

    [Test]
    public async Task CrawlOnce_RefusedHomePageBesideWorkingFeeds_IsReported()
    {
        SiteContent.Publish(_site, 0, 3);
        // The home page redirects to a file: URL, which is refused; the source's configured feed works.
        _site.Set("/", SiteResponse.Redirect("file:///etc/passwd"));
        string sources = Issue10Files.Sources(_folder, "home", Issue10Files.FeedSource("baosonghau", _site));
        string config = Issue10Files.Config(_folder, "crawl", new { Sources = new { File = sources }, Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Contain("written 3,"));
            Assert.That(run.Output, Does.Contain($"problem: baosonghau: home page {_site.BaseUrl.AbsoluteUri}: redirect-refused file:///etc/passwd"));
        }
    }

    [TestCase("MaxDiscoveredPerSource", 0L)]
    [TestCase("MaxDiscoveredPerSource", 2_000_000_000L)]
    [TestCase("MaxDiscoveryBytesPerSource", 1024L)]
    [TestCase("MaxDiscoveryBytesPerSource", 64L * 1024 * 1024 * 1024)]
    public async Task CrawlOnce_DiscoveryCapOutOfRange_ExitsTwoNamingTheSetting(string setting, long value)
    {
        string config = Issue10Files.Config(_folder, "caps", new { Crawl = new Dictionary<string, long> { [setting] = value } });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("Crawl:" + setting));
        }
    }

    [TestCase("windows-1258")]
    [TestCase("windows-1252")]
    public void CrawlOnce_LegacyCodePageFeedInAFreshProcess_IsRead(string charset)
    {
        IReadOnlyList<Uri> articles = SiteContent.Publish(_site, 0, 3);
        var published = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));
        string items = string.Concat(articles.Select((u, i) => string.Create(
            CultureInfo.InvariantCulture,
            $"<item><title>{(charset == "windows-1258" ? "Nông dân Tân Hậu thu hoạch lúa" : "Café crème brûlée")} {i}</title><link>{u.AbsoluteUri}</link><pubDate>{published.AddHours(-i):R}</pubDate></item>")));
        string xml = $"<?xml version=\"1.0\" encoding=\"{charset}\"?><rss version=\"2.0\"><channel><title>Báo</title>{items}</channel></rss>";
        byte[] body = charset == "windows-1258" ? SiteContent.Windows1258(xml) : System.Text.Encoding.Latin1.GetBytes(xml);
        _site.Set("/rss.xml", new SiteResponse(body, "application/rss+xml"));
        string sources = Issue10Files.Sources(_folder, "codepage", new { id = "cp", name = "cp", homeUrl = _site.BaseUrl.AbsoluteUri, feeds = new[] { _site.Url("/rss.xml").AbsoluteUri } });
        string config = Issue10Files.Config(_folder, "crawl", new { Sources = new { File = sources }, Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 } });

        // A child process: nothing in it has decoded a page (or registered a code page) before the feed is read.
        using var child = ChildCli.Start(_folder.Path, "crawl", "--once", "--config", config, "--out", _folder.Combine("out"));
        Assert.That(child.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "the crawl did not finish");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(child.ExitCode, Is.Zero, child.Output + "\n" + child.Log);
            Assert.That(child.Output, Does.Contain("discovered 3,").And.Contain("written 3,"));
            Assert.That(child.Output, Does.Not.Contain("problem:"));
        }
    }
}
