using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Crawling.Tests.Robots;

/// <summary>robots.txt as the fetcher applies it, asserted from the loopback site's own request log.</summary>
[TestFixture]
public sealed class RobotsOverHttpTests
{
    private const string Page = "<html><body><p>Nông dân Tân Hậu thu hoạch lúa.</p></body></html>";

    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        foreach (string path in new[] { "/tin-tuc/a1.html", "/tin-tuc/a2.html", "/tin-tuc/a3.html", "/rieng-tu/a4.html", "/x" })
        {
            _site.Set(path, SiteResponse.Html(Page));
        }
    }

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [Test]
    public async Task FetchAsync_DisallowedPath_IsRefusedAndNeverRequested()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nDisallow: /rieng-tu/\n"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome refused = await fetcher.FetchAsync(_site.Url("/rieng-tu/a4.html"));
        FetchOutcome allowed = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(refused.Reason, Is.EqualTo("robots"));
            Assert.That(refused.Detail, Does.Contain("Disallow: /rieng-tu/"));
            Assert.That(allowed.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(_site.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/robots.txt", "/tin-tuc/a1.html" }));
        }
    }

    [Test]
    public async Task FetchAsync_RobotsMissing_AllowsEverythingAndAsksOncePerHost()
    {
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome[] outcomes =
        [
            await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html")),
            await fetcher.FetchAsync(_site.Url("/tin-tuc/a2.html")),
            await fetcher.FetchAsync(_site.Url("/rieng-tu/a4.html")),
        ];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Select(o => o.Status), Is.All.EqualTo(FetchStatus.Fetched));
            Assert.That(_site.Requests.Count(r => r.Path == "/robots.txt"), Is.EqualTo(1));
        }
    }

    [TestCase(500)]
    [TestCase(503)]
    public async Task FetchAsync_RobotsServerError_DisallowsTheHostUntilItIsAskedAgain(int status)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _site.Set("/robots.txt", SiteResponse.StatusOnly(status));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 0), time);

        FetchOutcome first = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));
        time.Advance(TimeSpan.FromMinutes(5));
        FetchOutcome second = await fetcher.FetchAsync(_site.Url("/tin-tuc/a2.html"));
        _site.Set("/robots.txt", SiteResponse.StatusOnly(404));
        time.Advance(TimeSpan.FromMinutes(6));
        FetchOutcome third = await fetcher.FetchAsync(_site.Url("/tin-tuc/a3.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Reason, Is.EqualTo("robots"));
            Assert.That(first.Detail, Does.Contain("unreachable").And.Contain($"HTTP {status}"));
            Assert.That(second.Reason, Is.EqualTo("robots"), "still within Network:RobotsRetryMinutes");
            Assert.That(third.Status, Is.EqualTo(FetchStatus.Fetched), "asked again after 10 minutes, now missing");
            Assert.That(_site.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/robots.txt", "/robots.txt", "/tin-tuc/a3.html" }));
        }
    }

    [Test]
    public async Task FetchAsync_RobotsConnectionReset_DisallowsTheHost()
    {
        _site.Set("/robots.txt", SiteResponse.Reset());
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 0));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("robots"));
            Assert.That(_site.PageRequests, Is.Empty);
        }
    }

    [Test]
    public async Task FetchAsync_RobotsBehindFiveRedirects_IsFollowed()
    {
        RedirectChain(5);
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/x"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("robots"));
            Assert.That(_site.Requests.Count(r => r.Path.StartsWith("/r", StringComparison.Ordinal)), Is.EqualTo(6));
            Assert.That(_site.Requests.Any(r => r.Path == "/x"), Is.False);
        }
    }

    [Test]
    public async Task FetchAsync_RobotsBehindSixRedirects_CountsAsMissing()
    {
        RedirectChain(6);
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/x"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(_site.Requests.Count(r => r.Path.StartsWith("/r", StringComparison.Ordinal)), Is.EqualTo(6), "five redirects followed, not the sixth");
        }
    }

    [Test]
    public async Task FetchAsync_RobotsCache_LastsADayByTheInjectedClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nDisallow: /rieng-tu/\n"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(), time);

        await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));
        time.Advance(TimeSpan.FromHours(23));
        await fetcher.FetchAsync(_site.Url("/tin-tuc/a2.html"));
        int afterADay = _site.Requests.Count(r => r.Path == "/robots.txt");
        time.Advance(TimeSpan.FromHours(2));
        await fetcher.FetchAsync(_site.Url("/tin-tuc/a3.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterADay, Is.EqualTo(1));
            Assert.That(_site.Requests.Count(r => r.Path == "/robots.txt"), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task FetchAsync_CrawlDelay_SpacesTheHostsRequests()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nCrawl-delay: 0.25\n"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        foreach (string path in new[] { "/tin-tuc/a1.html", "/tin-tuc/a2.html", "/tin-tuc/a3.html" })
        {
            Assert.That((await fetcher.FetchAsync(_site.Url(path))).Status, Is.EqualTo(FetchStatus.Fetched));
        }

        Assert.That(RequestLog.MinimumGap(_site.PageRequests), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.25) - Tolerance));
    }

    [Test]
    public async Task FetchAsync_HugeCrawlDelay_IsCappedByMaxCrawlDelay()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nCrawl-delay: 3600\n"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxCrawlDelaySeconds = 0.2));

        await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));
        await fetcher.FetchAsync(_site.Url("/tin-tuc/a2.html"));

        TimeSpan gap = RequestLog.MinimumGap(_site.PageRequests);
        Assert.That(gap, Is.InRange(TimeSpan.FromSeconds(0.2) - Tolerance, TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task FetchAsync_GroupForOurProductToken_IsTheOneApplied()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: articlepipeline\nDisallow: /\n\nUser-agent: *\nAllow: /\n"));
        using var ours = new HttpPageFetcher(TestNetwork.Options());
        using var renamed = new HttpPageFetcher(TestNetwork.Options(o => o.RobotsProductToken = "OtherArchive"));

        FetchOutcome refused = await ours.FetchAsync(_site.Url("/tin-tuc/a1.html"));
        FetchOutcome allowed = await renamed.FetchAsync(_site.Url("/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Reason, Is.EqualTo("robots"));
            Assert.That(allowed.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task FetchAsync_RedirectIntoADisallowedPath_IsNotFollowed()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nDisallow: /rieng-tu/\n"));
        _site.Set("/old.html", SiteResponse.Redirect("/rieng-tu/a4.html"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/old.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("robots"));
            Assert.That(_site.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/robots.txt", "/old.html" }));
        }
    }

    [Test]
    public async Task DiscoverAsync_SitemapLineInRobots_FeedsDiscovery()
    {
        _site.Set("/robots.txt", SiteResponse.Text($"User-agent: *\nDisallow: /rieng-tu/\nSitemap: {_site.Url("/news-sitemap.xml")}\n"));
        _site.Set("/news-sitemap.xml", SiteResponse.Xml(SiteContent.Sitemap([_site.Url("/tin-tuc/a1.html"), _site.Url("/tin-tuc/a2.html")])));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "baosonghau", HomeUrl = _site.BaseUrl.AbsoluteUri };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EquivalentTo(new[] { _site.Url("/tin-tuc/a1.html"), _site.Url("/tin-tuc/a2.html") }));
            Assert.That(_site.Requests.Count(r => r.Path == "/robots.txt"), Is.EqualTo(1));
        }
    }

    private static TimeSpan Tolerance => TimeSpan.FromMilliseconds(30);

    private void RedirectChain(int redirects)
    {
        _site.Set("/robots.txt", SiteResponse.Redirect("/r1"));
        for (int i = 1; i < redirects; i++)
        {
            _site.Set($"/r{i}", SiteResponse.Redirect($"/r{i + 1}"));
        }

        _site.Set($"/r{redirects}", SiteResponse.Text("User-agent: *\nDisallow: /x\n"));
    }
}
