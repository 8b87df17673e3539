using System.Globalization;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Crawling.Tests.Issues;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Discovery;

/// <summary>
/// Issue 10, item 6: one source's discovery keeps at most <see cref="CrawlOptions.MaxDiscoveredPerSource"/> links, the
/// newest, chosen while streaming, and reads at most <see cref="CrawlOptions.MaxDiscoveryBytesPerSource"/>; both cuts
/// are reported.
/// </summary>
[TestFixture]
public sealed class BoundedDiscoveryTests
{
    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp() => _site = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [Test]
    public async Task DiscoverAsync_CapOf100OverThreeSitemapsOf1000_KeepsTheNewest100AndReportsTheCut()
    {
        // Three sitemaps of 1,000 dated URLs each, their dates interleaved (URL n is n minutes after the start).
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        for (int s = 0; s < 3; s++)
        {
            var urls = Enumerable.Range(0, 1000).Select(i => (i * 3) + s)
                .Select(n => ($"/tin-tuc/a{n}.html", (string?)start.AddMinutes(n).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
            _site.Set($"/sitemap-{s}.xml", SiteResponse.Xml(Issue11SitemapTests.Urlset(_site, [.. urls.Reverse()])));
        }

        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [.. Enumerable.Range(0, 3).Select(s => _site.Url($"/sitemap-{s}.xml").AbsoluteUri)] };

        DiscoveryResult result = await new SourceDiscovery(fetcher, null, new CrawlOptions { MaxDiscoveredPerSource = 100 }).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls.Select(u => u.AbsolutePath), Is.EqualTo(Enumerable.Range(2900, 100).Reverse().Select(n => $"/tin-tuc/a{n}.html")));
            Assert.That(result.Problems, Is.EqualTo(new[] { "discovery kept the newest 100 links and cut 2900 older ones (Crawl:MaxDiscoveredPerSource 100)" }));
        }
    }

    [Test]
    public async Task DiscoverAsync_UndatedLinksOverTheCap_AreCutBeforeDatedOnes()
    {
        _site.Set("/sitemap.xml", SiteResponse.Xml(Issue11SitemapTests.Urlset(
            _site, ("/undated-1.html", null), ("/old.html", "2020-01-01"), ("/undated-2.html", null), ("/new.html", "2025-06-01"))));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [_site.Url("/sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher, null, new CrawlOptions { MaxDiscoveredPerSource = 3 }).DiscoverAsync(source);

        Assert.That(result.Urls.Select(u => u.AbsolutePath), Is.EqualTo(new[] { "/new.html", "/old.html", "/undated-1.html" }));
    }

    [Test]
    public async Task DiscoverAsync_ByteBudgetSpent_StopsReadingAndReportsWhatWasNotRead()
    {
        // An index of four sitemaps of about 430 KB each, under a 1 MiB budget: two and a half are read, the last not at all.
        string index = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
            string.Concat(Enumerable.Range(0, 4).Select(s => $"<sitemap><loc>{_site.Url($"/sitemap-{s}.xml")}</loc><lastmod>2025-06-0{s + 1}</lastmod></sitemap>")) +
            "</sitemapindex>";
        _site.Set("/sitemap-index.xml", SiteResponse.Xml(index));
        for (int s = 0; s < 4; s++)
        {
            int sitemap = s;
            _site.Set($"/sitemap-{s}.xml", SiteResponse.Xml(Issue11SitemapTests.Urlset(
                _site, [.. Enumerable.Range(0, 5000).Select(i => ($"/tin-tuc/s{sitemap}-bai-viet-so-{i:D6}-a{i}.html", (string?)null))])));
        }

        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [_site.Url("/sitemap-index.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher, null, new CrawlOptions { MaxDiscoveryBytesPerSource = 1024 * 1024 }).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            // The newest sitemaps (by the index's lastmod) are read first.
            Assert.That(_site.PageRequests.Select(r => r.Path), Is.EqualTo(new[] { "/sitemap-index.xml", "/sitemap-3.xml", "/sitemap-2.xml", "/sitemap-1.xml" }));
            Assert.That(result.Urls.Length, Is.InRange(10_001, 14_999));
            Assert.That(result.Problems, Has.One.Contains("sitemap-1.xml: cut at").And.Contains("(Crawl:MaxDiscoveryBytesPerSource spent)"));
            Assert.That(result.Problems, Has.One.StartsWith("discovery read ").And.EndsWith("(Crawl:MaxDiscoveryBytesPerSource 1048576): 1 documents not read"));
        }
    }

    [Test]
    public void NewestLinks_AnyOrderOfOffers_KeepsTheSameNewest()
    {
        var links = Enumerable.Range(0, 500)
            .Select(i => new DiscoveredLink(new Uri($"https://baosonghau.example.vn/a{i}.html"), i % 7 == 0 ? null : DateTimeOffset.UnixEpoch.AddDays(i)))
            .ToList();
        var random = new Random(1006);
        List<Uri>? expected = null;
        for (int round = 0; round < 20; round++)
        {
            var kept = new NewestLinks(50);
            foreach (DiscoveredLink link in links.OrderBy(_ => random.Next()))
            {
                kept.Add(link);
            }

            List<Uri> newest = [.. kept.NewestFirst()];
            expected ??= [.. links.Where(l => l.Date is not null).OrderByDescending(l => l.Date).Take(50).Select(l => l.Url)];
            Assert.That(newest, Is.EqualTo(expected), $"round {round}");
        }
    }
}
