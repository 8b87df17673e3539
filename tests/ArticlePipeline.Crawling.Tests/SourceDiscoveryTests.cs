using System.Text;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests;

[TestFixture]
public sealed class SourceDiscoveryTests
{
    private static readonly string[] Articles =
    [
        "tin-tuc/khanh-thanh-diem-truong-moi-hon-400-hoc-sinh-vung-ven-song-co-phong-hoc-kien-co-a1006.html",
        "tin-tuc/khai-mac-le-hoi-trai-cay-my-loi-lan-thu-iii-nam-2025-a1005.html",
        "tin-tuc/ra-quan-diet-lang-quang-chu-dong-phong-chong-sot-xuat-huyet-mua-mua-a1004.html",
        "tin-tuc/khoi-cong-nang-cap-duong-tinh-919d-noi-tan-hau-voi-my-loi-a1003.html",
        "tin-tuc/my-loi-chu-dong-ung-pho-lu-san-sang-di-doi-hon-1200-ho-dan-a1002.html",
        "tin-tuc/nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html",
    ];

    [Test]
    public async Task DiscoverAsync_SampleSiteFeedAndSitemap_FindsTheSixArticlesOnceNewestFirst()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(Path.Combine(SharedData.RepositoryRoot, "samples", "site"));
        using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 });
        var source = new SourceDefinition
        {
            Id = "baosonghau",
            Name = "Báo Sông Hậu",
            HomeUrl = site.BaseUrl.AbsoluteUri,
            Feeds = [site.Url("rss.xml").AbsoluteUri],
            Sitemaps = [site.Url("sitemap.xml").AbsoluteUri],
        };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EqualTo(Articles.Select(site.Url)));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(site.Requests.Count(r => r.Path == "/rss.xml"), Is.EqualTo(1), "the feed the home page announces is the configured one");
        }
    }

    [Test]
    public async Task DiscoverAsync_ListingPageOnly_FindsArticleLinksMatchingThePattern()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(Path.Combine(SharedData.RepositoryRoot, "samples", "site"));
        using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 });
        var source = new SourceDefinition
        {
            Id = "baosonghau",
            HomeUrl = site.Url("missing-home.html").AbsoluteUri,
            Listings = [new ListingPage { Url = site.Url("index.html").AbsoluteUri, ArticlePattern = @"-a\d+\.html$" }],
        };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        Assert.That(result.Urls, Is.EquivalentTo(Articles.Select(site.Url)));
    }

    [Test]
    public async Task DiscoverAsync_BrokenFeed_IsReportedAsAProblem()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.Set("/rss.xml", new SiteResponse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><rss/>"u8.ToArray(), "application/xml"));
        using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 });
        var source = new SourceDefinition { Id = "x", HomeUrl = site.BaseUrl.AbsoluteUri, Feeds = [site.Url("rss.xml").AbsoluteUri], Sitemaps = [site.Url("sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.Empty);
            Assert.That(result.Problems, Has.Length.EqualTo(3));
            Assert.That(result.Problems, Has.Some.StartsWith("home page ").And.Contains("http-404"), "a home page that fails is reported even beside feeds");
            // The DOCTYPE is ignored (never processed): what is left is an empty feed, reported as giving no links.
            Assert.That(result.Problems, Has.Some.StartsWith("feed ").And.Contains("no links found"));
            Assert.That(result.Problems, Has.Some.StartsWith("sitemap ").And.Contains("http-404"));
        }
    }

    [Test]
    public async Task DiscoverAsync_AtomUpdatedAndSitemapLastmod_GiveEachUrlTheLatestChangeListed()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.Set("/atom.xml", new SiteResponse(Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Tin mới</title>
              <entry><title>Đính chính</title><link href="{site.Url("tin-tuc/dinh-chinh-a2001.html")}"/>
                <published>2025-06-20T08:00:00+07:00</published><updated>2025-06-24T16:30:00+07:00</updated></entry>
              <entry><title>Không đổi</title><link href="{site.Url("tin-tuc/khong-doi-a2002.html")}"/>
                <published>2025-06-21T08:00:00+07:00</published></entry>
            </feed>
            """), "application/atom+xml"));
        site.Set("/sitemap.xml", new SiteResponse(Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{site.Url("tin-tuc/dinh-chinh-a2001.html")}</loc><lastmod>2025-06-25T09:00:00+07:00</lastmod></url>
              <url><loc>{site.Url("tin-tuc/cu-a2003.html")}</loc><lastmod>2025-06-01T09:00:00+07:00</lastmod></url>
            </urlset>
            """), "application/xml"));
        using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 });
        var source = new SourceDefinition { Id = "x", HomeUrl = site.BaseUrl.AbsoluteUri, Feeds = [site.Url("atom.xml").AbsoluteUri], Sitemaps = [site.Url("sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Has.Length.EqualTo(3));
            Assert.That(result.ModifiedOf(site.Url("tin-tuc/dinh-chinh-a2001.html")), Is.EqualTo(new DateTimeOffset(2025, 6, 25, 9, 0, 0, TimeSpan.FromHours(7))), "the later of the feed's updated and the sitemap's lastmod");
            Assert.That(result.ModifiedOf(site.Url("tin-tuc/cu-a2003.html")), Is.EqualTo(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(7))));
            Assert.That(result.ModifiedOf(site.Url("tin-tuc/khong-doi-a2002.html")), Is.Null, "a feed that gives only the publication date says nothing of changes");
        }
    }

    [Test]
    public async Task DiscoverAsync_HashbangPagesWithTheirOwnLastmod_EachKeepsItsDate()
    {
        // Uri's equality ignores the fragment: keyed by it, these two pages' dates collided and discovery threw.
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.Set("/sitemap.xml", new SiteResponse(Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{site.BaseUrl}#!/tin-tuc/a3001</loc><lastmod>2025-06-25T09:00:00+07:00</lastmod></url>
              <url><loc>{site.BaseUrl}#!/tin-tuc/a3002</loc><lastmod>2025-06-20T09:00:00+07:00</lastmod></url>
            </urlset>
            """), "application/xml"));
        using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 });
        var source = new SourceDefinition { Id = "x", HomeUrl = site.BaseUrl.AbsoluteUri, Sitemaps = [site.Url("sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Has.Length.EqualTo(2));
            Assert.That(result.ModifiedOf(new Uri(site.BaseUrl + "#!/tin-tuc/a3001")), Is.EqualTo(new DateTimeOffset(2025, 6, 25, 9, 0, 0, TimeSpan.FromHours(7))));
            Assert.That(result.ModifiedOf(new Uri(site.BaseUrl + "#!/tin-tuc/a3002")), Is.EqualTo(new DateTimeOffset(2025, 6, 20, 9, 0, 0, TimeSpan.FromHours(7))));
        }
    }

    [Test]
    public async Task DiscoverAsync_SitemapStampingEveryEntryWithItsGenerationTime_GivesNoModificationDates()
    {
        // Every lastmod within one minute: when the sitemap was made, not when each page changed.
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        string now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        site.Set("/sitemap.xml", new SiteResponse(Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{site.Url("tin-tuc/a4001.html")}</loc><lastmod>{now}</lastmod></url>
              <url><loc>{site.Url("tin-tuc/a4002.html")}</loc><lastmod>{now}</lastmod></url>
              <url><loc>{site.Url("tin-tuc/a4003.html")}</loc><lastmod>{now}</lastmod></url>
            </urlset>
            """), "application/xml"));
        using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 });
        var source = new SourceDefinition { Id = "x", HomeUrl = site.BaseUrl.AbsoluteUri, Sitemaps = [site.Url("sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Has.Length.EqualTo(3));
            Assert.That(result.Modified, Is.Empty);
        }
    }
}
