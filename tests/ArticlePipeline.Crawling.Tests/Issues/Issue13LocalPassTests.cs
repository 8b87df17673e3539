using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Tests.EndToEnd;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 13, local mode is the cluster's loop over an in-process queue: a local pass (<see cref="CrawlRunner"/>) takes
/// a host, drains its queue newest first at the host's connections and releases it, whatever the sources on it;
/// asserted from the loopback site's own request log.
/// </summary>
[TestFixture]
public sealed class Issue13LocalPassTests
{
    private static readonly DateTimeOffset Published = new(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));

    private readonly List<LoopbackNewsSite> _sites = [];

    [TearDown]
    public async Task TearDown()
    {
        foreach (LoopbackNewsSite site in _sites)
        {
            await site.DisposeAsync();
        }

        _sites.Clear();
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task RunAsync_TwoSourcesOnOneHost_NeverMoreRequestsInFlightThanTheHostsConnections_AndEveryArticleWritten(int connections)
    {
        LoopbackNewsSite site = await SiteAsync();
        List<Uri> first = Articles(site, 1, 6, slow: true), second = Articles(site, 11, 6, slow: true);
        Feed(site, "/a.xml", first);
        Feed(site, "/b.xml", second);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(connections));

        // Four sources at once allowed: only the host's connections may limit what reaches it.
        CrawlSummary summary = await harness.RunAsync(4, Source("bao-a", site, "/a.xml", connections), Source("bao-b", site, "/b.xml", connections));
        await site.WaitIdleAsync();

        LoggedRequest[] articles = [.. site.Requests.Where(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Written, Is.EqualTo(12), string.Join("\n", summary.ToLines()));
            Assert.That(harness.Records("bao-a"), Has.Length.EqualTo(6));
            Assert.That(harness.Records("bao-b"), Has.Length.EqualTo(6));
            Assert.That(articles, Has.Length.EqualTo(12), "each article requested once");
            Assert.That(RequestLog.MaximumInFlight(site.Requests), Is.EqualTo(connections), "the host's connections are used and never exceeded, across both sources");
        }
    }

    [Test]
    public async Task RunAsync_OneConnection_TheHostsArticlesAreRequestedNewestFirst_AndTheSourceLimitTakesTheNewest()
    {
        LoopbackNewsSite site = await SiteAsync();
        List<Uri> articles = Articles(site, 1, 8, slow: false);

        // Listed oldest first in the feed: the order comes from the publication dates, not from the listing.
        var dated = articles.Select((u, i) => (Url: u, Published: Published.AddMinutes(-i))).ToList();
        site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(Enumerable.Reverse(dated))));
        site.Set("/", SiteResponse.Html("<html><head><title>Trang chủ</title></head><body></body></html>"));
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(1));
        SourceDefinition source = Source("bao", site, "/rss.xml", 1);
        source.MaxArticlesPerRun = 5;

        CrawlSummary summary = await harness.RunAsync(4, source);
        await site.WaitIdleAsync();

        string[] requested = [.. site.Requests.Where(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal)).Select(r => r.Path)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requested, Is.EqualTo(articles.Take(5).Select(u => u.AbsolutePath)), "the five newest, newest first");
            Assert.That(summary.Written, Is.EqualTo(5));
            Assert.That(summary.SkippedByReason, Is.EquivalentTo(new Dictionary<string, int> { [SkipReasons.Limit] = 3 }));
        }
    }

    private async Task<LoopbackNewsSite> SiteAsync()
    {
        LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        _sites.Add(site);
        return site;
    }

    private static NetworkOptions Network(int connections) => new()
    {
        AllowPrivateAddresses = true,
        DelaySeconds = 0,
        MaxConnectionsPerHost = connections,
        TimeoutSeconds = 5,
        MaxRetries = 0,
    };

    private static SourceDefinition Source(string id, LoopbackNewsSite site, string feed, int connections) => new()
    {
        Id = id,
        Name = id,
        HomeUrl = site.BaseUrl.AbsoluteUri,
        Feeds = [site.Url(feed).AbsoluteUri],
        MaxConnectionsPerHost = connections,
        DelaySeconds = 0,
    };

    /// <summary>Articles <paramref name="first"/>.. on the site, newest first; slow ones take 150 ms to answer, so requests overlap when allowed to.</summary>
    private static List<Uri> Articles(LoopbackNewsSite site, int first, int count, bool slow) =>
        [.. Enumerable.Range(first, count).Select(n =>
        {
            Uri url = site.Url(SiteContent.ArticlePath(n));
            SiteResponse page = SiteResponse.Html(SiteContent.Article(n, url));
            site.Set(url.AbsolutePath, slow ? page with { Delay = TimeSpan.FromMilliseconds(150) } : page);
            return url;
        })];

    private static void Feed(LoopbackNewsSite site, string path, List<Uri> urls)
    {
        site.Set(path, SiteResponse.Xml(SiteContent.Rss(urls.Select((u, i) => (u, Published.AddMinutes(-i))))));
        site.Set("/", SiteResponse.Html("<html><head><title>Trang chủ</title></head><body></body></html>"));
    }
}
