using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Crawling.Tests.EndToEnd;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 10, item 1: a malformed <c>Location</c> header on an article, feed, sitemap, listing or robots.txt used to
/// throw out of the fetcher and abort the pass at the same URL every time. Now it is a counted <c>bad-redirect</c>
/// failure of that URL, with the usual backoff, and the pass goes on.
/// </summary>
[TestFixture]
public sealed class Issue10BadRedirectTests
{
    private static readonly DateTimeOffset Published = new(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));

    private LoopbackNewsSite _site = null!;

    public static IEnumerable<string> MalformedLocations => HostileRoutes.MalformedLocations;

    [SetUp]
    public async Task SetUp() => _site = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [TestCaseSource(nameof(MalformedLocations))]
    public async Task FetchAsync_MalformedLocation_FailsAsBadRedirectAfterOneRequest(string location)
    {
        _site.Set("/tin-tuc/chuyen-huong.html", SiteResponse.Redirect(location));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/chuyen-huong.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("bad-redirect"));
            Assert.That(outcome.Detail, Does.Contain("/tin-tuc/chuyen-huong.html"));
            Assert.That(_site.PageRequests.Select(r => r.Path), Is.EqualTo(new[] { "/tin-tuc/chuyen-huong.html" }), "not retried: the answer will not change");
        }
    }

    [TestCase("/tin-tuc/dich.html")]
    [TestCase("dich.html")]
    [TestCase("//HOST/tin-tuc/dich.html")]
    [TestCase("HOST_URL/tin-tuc/dich.html")]
    public async Task FetchAsync_WellFormedRelativeOrAbsoluteLocation_IsStillFollowed(string location)
    {
        _site.Set("/tin-tuc/dich.html", SiteResponse.Html("<html><body><p>Đích</p></body></html>"));
        string target = location.Replace("HOST_URL", _site.BaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal)
            .Replace("HOST", _site.Authority, StringComparison.Ordinal);
        _site.Set("/tin-tuc/chuyen-huong.html", SiteResponse.Redirect(target, 301));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/chuyen-huong.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(outcome.Page!.Content.Url, Is.EqualTo(_site.Url("/tin-tuc/dich.html")));
        }
    }

    [Test]
    public async Task Crawl_ArticlesWithMalformedLocations_CountBadRedirectsBackOffAndWriteEveryHealthyArticle()
    {
        IReadOnlyList<Uri> healthy = SiteContent.Publish(_site, 1, 3);
        IReadOnlyList<Uri> broken = HostileRoutes.AddBadRedirects(_site);

        // Broken redirects listed first: before, the first one aborted the pass and no healthy article was reached.
        Feed([.. broken, .. healthy]);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options());
        SourceDefinition source = Source();

        CrawlSummary first = await harness.RunAsync(1, source);
        CrawlSummary second = await harness.RunAsync(1, source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Written, Is.EqualTo(3), string.Join("\n", first.ToLines()));
            Assert.That(harness.Records(source.Id), Has.Length.EqualTo(3));
            Assert.That(first.FailedByReason, Is.EquivalentTo(new Dictionary<string, int> { ["bad-redirect"] = broken.Count }));
            Assert.That(first.ToLines(), Has.Some.Contains($"bad-redirect {broken.Count}"));

            // Recorded as failures: the next pass waits out their backoff instead of asking again.
            Assert.That(second.Failed, Is.Zero);
            Assert.That(second.SkippedByReason[SkipReasons.Backoff], Is.EqualTo(broken.Count));
            Assert.That(_site.PageRequests.Count(r => broken.Any(b => b.AbsolutePath == r.Path)), Is.EqualTo(broken.Count), "each broken URL asked once over both passes");
        }
    }

    [Test]
    public async Task Crawl_FeedSitemapAndListingWithMalformedLocations_AreDiscoveryProblemsAndTheGoodFeedIsCrawled()
    {
        IReadOnlyList<Uri> healthy = SiteContent.Publish(_site, 1, 2);
        _site.Set("/rss-hong.xml", SiteResponse.Redirect("https:/rss.xml"));
        _site.Set("/sitemap.xml", SiteResponse.Redirect("file:/etc/passwd"));
        _site.Set("/thoi-su", SiteResponse.Redirect("ftp:x"));
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options());
        SourceDefinition source = Source();
        source.Feeds = [_site.Url("/rss-hong.xml").AbsoluteUri, _site.Url("/rss.xml").AbsoluteUri];
        source.Sitemaps = [_site.Url("/sitemap.xml").AbsoluteUri];
        source.Listings = [new ListingPage { Url = _site.Url("/thoi-su").AbsoluteUri, ArticlePattern = "-a\\d+\\.html$" }];

        CrawlSummary summary = await harness.RunAsync(1, source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Written, Is.EqualTo(healthy.Count), string.Join("\n", summary.ToLines()));
            Assert.That(summary.Problems, Has.Some.Contains("feed").And.Contains("/rss-hong.xml").And.Contains("bad-redirect"));
            Assert.That(summary.Problems, Has.Some.Contains("sitemap").And.Contains("/sitemap.xml").And.Contains("bad-redirect"));
            Assert.That(summary.Problems, Has.Some.Contains("listing").And.Contains("/thoi-su").And.Contains("bad-redirect"));
        }
    }

    [TestCaseSource(nameof(MalformedLocations))]
    public async Task Crawl_RobotsTxtWithMalformedLocation_IsTreatedAsMissingAndTheArticlesAreWritten(string location)
    {
        IReadOnlyList<Uri> healthy = SiteContent.Publish(_site, 1, 2);
        _site.Set("/robots.txt", SiteResponse.Redirect(location));
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options());

        CrawlSummary summary = await harness.RunAsync(1, Source());

        using (Assert.EnterMultipleScope())
        {
            // RFC 9309 2.3.1.2: a robots.txt not reached through its redirects may be taken as unavailable (all allowed).
            Assert.That(summary.Written, Is.EqualTo(healthy.Count), string.Join("\n", summary.ToLines()));
            Assert.That(summary.Failed, Is.Zero);
            Assert.That(_site.Requests.Count(r => r.Path == "/robots.txt"), Is.EqualTo(1), "cached like a missing file");
        }
    }

    private SourceDefinition Source() => new()
    {
        Id = "song-hau",
        Name = "Báo Sông Hậu",
        HomeUrl = _site.BaseUrl.AbsoluteUri,
        Feeds = [_site.Url("/rss.xml").AbsoluteUri],
    };

    private void Feed(IReadOnlyList<Uri> urls) =>
        _site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(urls.Select((u, i) => (u, Published.AddMinutes(-i))))));
}
