using System.Globalization;
using System.IO.Compression;
using System.Text;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 11, "Sitemaps": <c>&lt;loc&gt;</c> in any namespace but the extensions', a document that gives no link is
/// reported, dates order the links, and a legal sitemap over the article body cap (up to the protocol's 50 MiB) is read.
/// </summary>
[TestFixture]
public sealed class Issue11SitemapTests
{
    private static readonly Uri SitemapUrl = new("https://baosonghau.example.vn/sitemap.xml");

    [TestCase("sitemaps.org 0.9", "http://www.sitemaps.org/schemas/sitemap/0.9")]
    [TestCase("sitemaps.org over https", "https://www.sitemaps.org/schemas/sitemap/0.9")]
    [TestCase("Google 0.84", "http://www.google.com/schemas/sitemap/0.84")]
    [TestCase("Google 0.9", "http://www.google.com/schemas/sitemap/0.9")]
    [TestCase("no namespace", "")]
    public void Parse_UrlsetInAnyNamespace_ReadsItsLocs(string shape, string ns)
    {
        string xmlns = ns.Length == 0 ? string.Empty : $" xmlns=\"{ns}\"";
        string xml = $"<?xml version=\"1.0\"?><urlset{xmlns}><url><loc>https://baosonghau.example.vn/a1.html</loc><lastmod>2025-06-23</lastmod></url><url><loc>/a2.html</loc></url></urlset>";

        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), SitemapUrl);

        Assert.That(result.Links.Select(l => l.Url.AbsolutePath), Is.EqualTo(new[] { "/a1.html", "/a2.html" }), shape);
    }

    [Test]
    public void Parse_IndexInTheLegacyNamespace_ListsItsSitemaps()
    {
        const string xml = """
            <sitemapindex xmlns="http://www.google.com/schemas/sitemap/0.84">
              <sitemap><loc>https://baosonghau.example.vn/sitemap-1.xml</loc></sitemap>
            </sitemapindex>
            """;

        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), SitemapUrl);

        Assert.That(result.Sitemaps, Is.EqualTo(new[] { new Uri("https://baosonghau.example.vn/sitemap-1.xml") }));
    }

    [Test]
    public void Parse_ExtensionLocsOnly_AreNotPages()
    {
        const string xml = """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
                    xmlns:video="http://www.google.com/schemas/sitemap-video/1.1" xmlns:xhtml="http://www.w3.org/1999/xhtml">
              <url>
                <image:image><image:loc>https://baosonghau.example.vn/img/a.jpg</image:loc></image:image>
                <video:video><video:content_loc>https://baosonghau.example.vn/v.mp4</video:content_loc><video:player_loc>https://baosonghau.example.vn/p</video:player_loc></video:video>
                <xhtml:link rel="alternate" hreflang="en" href="https://baosonghau.example.vn/en/a.html"/>
                <loc>https://baosonghau.example.vn/tin-tuc/a1001.html</loc>
              </url>
            </urlset>
            """;

        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), SitemapUrl);

        Assert.That(result.Links.Select(l => l.Url.AbsolutePath), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }));
    }

    [Test]
    public void Parse_NewsPublicationDate_WinsOverLastmod()
    {
        const string xml = """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>/a1.html</loc><lastmod>2025-06-30T10:00:00+07:00</lastmod>
                <news:news><news:publication><news:name>B</news:name></news:publication><news:publication_date>2025-06-23T07:30:00+07:00</news:publication_date></news:news></url>
            </urlset>
            """;

        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), SitemapUrl);

        Assert.That(result.Links.Single().Date, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7))));
    }

    [Test]
    public async Task DiscoverAsync_SitemapsWithDates_OrderNewestFirstAcrossDocuments()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.Set("/sitemap-a.xml", SiteResponse.Xml(Urlset(site, ("/a-old.html", "2025-06-01"), ("/a-new.html", "2025-06-29"))));
        site.Set("/sitemap-b.xml", SiteResponse.Xml(Urlset(site, ("/b-mid.html", "2025-06-15"), ("/b-undated.html", null), ("/b-newest.html", "2025-06-30T08:00:00+07:00"))));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [site.Url("/sitemap-a.xml").AbsoluteUri, site.Url("/sitemap-b.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        Assert.That(result.Urls.Select(u => u.AbsolutePath), Is.EqualTo(new[] { "/b-newest.html", "/a-new.html", "/b-mid.html", "/a-old.html", "/b-undated.html" }));
    }

    [Test]
    public async Task DiscoverAsync_SitemapThatGivesNoLinks_IsReported()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.Set("/sitemap.xml", SiteResponse.Xml("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><lastmod>2025-06-01</lastmod></url></urlset>"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [site.Url("/sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.Empty);
            Assert.That(result.Problems, Is.EqualTo(new[] { $"sitemap {site.Url("/sitemap.xml")}: no links found (no item, entry or url with a link or loc)" }));
        }
    }

    [Test]
    public async Task DiscoverAsync_SitemapOverTheArticleBodyCap_IsReadUpToTheProtocolSize()
    {
        // 20 MiB: over Network:MaxBodyBytes (10 MiB by default), legal for the sitemap protocol (50 MiB).
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        string xml = BigUrlset(site, 20L * 1024 * 1024, out int count);
        site.Set("/sitemap.xml", SiteResponse.Xml(xml));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [site.Url("/sitemap.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher, null, new Core.Pipeline.CrawlOptions { MaxDiscoveredPerSource = 1_000_000 }).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Has.Length.EqualTo(count));
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public async Task DiscoverAsync_GzipSitemapOverFiftyMiBUncompressed_IsCutThereKeepingTheLinksBefore()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        string xml = BigUrlset(site, 60L * 1024 * 1024, out int count);
        site.Set("/sitemap.xml.gz", new SiteResponse(Gzip(xml), "application/x-gzip"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "x", Sitemaps = [site.Url("/sitemap.xml.gz").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher, null, new Core.Pipeline.CrawlOptions { MaxDiscoveredPerSource = 1_000_000 }).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            // About five sixths of the links lie in the first 50 MiB.
            Assert.That(result.Urls.Length, Is.InRange(count * 80 / 100, count * 86 / 100));
            Assert.That(result.Problems, Has.One.Contains("cut at 52428800 bytes (the sitemap protocol's 50 MiB)"));
        }
    }

    internal static string Urlset(LoopbackNewsSite site, params (string Path, string? Lastmod)[] urls)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        foreach ((string path, string? lastmod) in urls)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{site.Url(path).AbsoluteUri}</loc>{(lastmod is null ? string.Empty : $"<lastmod>{lastmod}</lastmod>")}</url>");
        }

        return xml.Append("</urlset>").ToString();
    }

    private static string BigUrlset(LoopbackNewsSite site, long bytes, out int count)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        count = 0;
        while (xml.Length < bytes)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{site.BaseUrl.AbsoluteUri}tin-tuc/bai-viet-so-{count}-a{count}.html</loc><lastmod>2025-06-23</lastmod></url>\n");
            count++;
        }

        return xml.Append("</urlset>").ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }
}
