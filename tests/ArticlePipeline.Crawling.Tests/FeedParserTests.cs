using System.IO.Compression;
using System.Text;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Crawling.Tests;

[TestFixture]
public sealed class FeedParserTests
{
    private static readonly Uri FeedUrl = new("https://baosonghau.example.vn/rss/tin-tuc.xml");
    private static readonly Uri SitemapUrl = new("https://baosonghau.example.vn/sitemap.xml");
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Test]
    public void Parse_RssWithRelativeLinks_ResolvesThemAgainstTheFeed()
    {
        const string rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel>
              <title>Báo Sông Hậu</title><link>/index.html</link>
              <image><url>/img/logo.png</url><title>Báo Sông Hậu</title><link>/</link></image>
              <item>
                <title>Khánh thành điểm trường mới</title>
                <link>../tin-tuc/khanh-thanh-a1006.html</link>
                <description>Ngày 26/6, huyện Tân Hậu tổ chức lễ khánh thành.</description>
                <pubDate>Fri, 27 Jun 2025 08:15:00 +0700</pubDate>
                <guid isPermaLink="false">baosonghau-1006</guid>
              </item>
              <item>
                <title>Khai mạc Lễ hội Trái cây</title>
                <link>https://baosonghau.example.vn/tin-tuc/khai-mac-a1005.html</link>
                <description>Tối 25/6, lễ hội khai mạc.</description>
                <pubDate>Thu, 26 Jun 2025 02:45:00 GMT</pubDate>
                <category>Lễ hội</category>
              </item>
              <item>
                <title>Permalink only</title>
                <guid isPermaLink="true">tin-tuc/a1004.html</guid>
                <description>Chỉ có guid.</description>
              </item>
            </channel></rss>
            """;

        (List<DiscoveredLink> links, List<Uri> sitemaps) = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), FeedUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(links, Is.EqualTo(new[]
            {
                new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html"), new DateTimeOffset(2025, 6, 27, 8, 15, 0, Vietnam)),
                new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/khai-mac-a1005.html"), new DateTimeOffset(2025, 6, 26, 2, 45, 0, TimeSpan.Zero)),
                new DiscoveredLink(new Uri("https://baosonghau.example.vn/rss/tin-tuc/a1004.html"), null),
            }));
            Assert.That(sitemaps, Is.Empty);
        }
    }

    [Test]
    public void Parse_SampleSiteRss_FindsTheSixArticlesWithDates()
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "samples", "site", "rss.xml");
        var url = new Uri("http://127.0.0.1:8080/rss.xml");

        (List<DiscoveredLink> links, _) = FeedParser.Parse(File.ReadAllBytes(path), url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(links, Has.Count.EqualTo(6));
            Assert.That(links.Select(l => l.Url.AbsolutePath), Is.All.StartsWith("/tin-tuc/").And.All.EndsWith(".html"));
            Assert.That(links[0], Is.EqualTo(new DiscoveredLink(
                new Uri("http://127.0.0.1:8080/tin-tuc/khanh-thanh-diem-truong-moi-hon-400-hoc-sinh-vung-ven-song-co-phong-hoc-kien-co-a1006.html"),
                new DateTimeOffset(2025, 6, 27, 8, 15, 0, Vietnam))));
            Assert.That(links.Select(l => l.Date), Is.All.Not.Null);
        }
    }

    [Test]
    public void Parse_Atom_ReadsAlternateLinksAndDates()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Báo Sông Hậu</title>
              <link rel="self" href="https://baosonghau.example.vn/atom.xml"/>
              <entry>
                <title>Khởi công nâng cấp đường tỉnh 919D</title>
                <link rel="enclosure" href="/img/a.jpg"/>
                <link rel="alternate" type="text/html" href="/tin-tuc/khoi-cong-a1003.html"/>
                <id>tag:baosonghau.example.vn,2025:1003</id>
                <updated>2025-06-24T15:05:00+07:00</updated>
                <summary>Sáng 24/6, UBND tỉnh tổ chức lễ khởi công.</summary>
              </entry>
              <entry>
                <title>Mỹ Lợi chủ động ứng phó lũ</title>
                <link href="https://baosonghau.example.vn/tin-tuc/my-loi-a1002.html"/>
                <id>tag:baosonghau.example.vn,2025:1002</id>
                <published>2025-06-23T16:10:00+07:00</published>
                <summary>Huyện Mỹ Lợi rà soát các tuyến đê bao.</summary>
              </entry>
            </feed>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(atom), FeedUrl);

        Assert.That(links, Is.EqualTo(new[]
        {
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/khoi-cong-a1003.html"), new DateTimeOffset(2025, 6, 24, 15, 5, 0, Vietnam), Modified: new DateTimeOffset(2025, 6, 24, 15, 5, 0, Vietnam)),
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/my-loi-a1002.html"), new DateTimeOffset(2025, 6, 23, 16, 10, 0, Vietnam)),
        }));
    }

    [Test]
    public void Parse_SitemapUrlset_ResolvesEveryLoc()
    {
        (List<DiscoveredLink> links, List<Uri> sitemaps) = FeedParser.Parse(Encoding.UTF8.GetBytes(Urlset), SitemapUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(links.Select(l => l.Url), Is.EqualTo(UrlsetUrls));
            Assert.That(sitemaps, Is.Empty);
        }
    }

    [Test]
    public void Parse_GzipSitemap_IsDecompressed()
    {
        (List<DiscoveredLink> links, _) = FeedParser.Parse(Gzip(Urlset), new Uri("https://baosonghau.example.vn/sitemap.xml.gz"));

        Assert.That(links.Select(l => l.Url), Is.EqualTo(UrlsetUrls));
    }

    [Test]
    public void Parse_BrokenGzip_GivesNoLinksAndIsReported()
    {
        byte[] broken = Gzip(Urlset)[..40];

        FeedParseResult result = FeedParser.Parse(broken, SitemapUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Links, Is.Empty);
            Assert.That(result.Error, Does.Contain("gzip").Or.Contain("XML"));
        }
    }

    [Test]
    public void Parse_SitemapIndex_ListsNestedSitemapsNotArticles()
    {
        const string index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://baosonghau.example.vn/sitemaps/2025-06.xml</loc><lastmod>2025-06-27T08:15:00+07:00</lastmod></sitemap>
              <sitemap><loc>/sitemaps/2025-05.xml.gz</loc><lastmod>2025-05-31T23:00:00+07:00</lastmod></sitemap>
            </sitemapindex>
            """;

        (List<DiscoveredLink> links, List<Uri> sitemaps) = FeedParser.Parse(Encoding.UTF8.GetBytes(index), SitemapUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(links, Is.Empty);
            Assert.That(sitemaps, Is.EqualTo(new[]
            {
                new Uri("https://baosonghau.example.vn/sitemaps/2025-06.xml"),
                new Uri("https://baosonghau.example.vn/sitemaps/2025-05.xml.gz"),
            }));
        }
    }

    [Test]
    public void Parse_NewsSitemap_UsesThePublicationDate()
    {
        const string news = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url>
                <loc>https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html</loc>
                <news:news>
                  <news:publication><news:name>Báo Sông Hậu</news:name><news:language>vi</news:language></news:publication>
                  <news:publication_date>2025-06-27T08:15:00+07:00</news:publication_date>
                  <news:title>Khánh thành điểm trường mới</news:title>
                </news:news>
              </url>
            </urlset>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(news), SitemapUrl);

        Assert.That(links, Is.EqualTo(new[]
        {
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html"), new DateTimeOffset(2025, 6, 27, 8, 15, 0, Vietnam)),
        }));
    }

    [Test]
    public void Parse_LinksWithOtherSchemes_AreDropped()
    {
        const string rss = """
            <rss version="2.0"><channel>
              <item><link>javascript:alert(1)</link><title>a</title></item>
              <item><link>ftp://baosonghau.example.vn/a.html</link><title>b</title></item>
              <item><link>file:///etc/passwd</link><title>c</title></item>
              <item><link>/tin-tuc/a1001.html</link><title>d</title></item>
            </channel></rss>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), FeedUrl);

        Assert.That(links.Select(l => l.Url), Is.EqualTo(new[] { new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html") }));
    }

    [Test]
    public void Parse_BillionLaughs_IsNotExpandedAndIsReported()
    {
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><item><link>https://x.vn/&lol9;</link></item></channel></rss>
            """;

        // The DOCTYPE is ignored, never processed: &lol9; is undeclared, the document stops there and nothing expands.
        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes(bomb), FeedUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Links, Is.Empty);
            Assert.That(result.Error, Does.Contain("lol9"));
        }
    }

    [Test]
    public void Parse_ExternalEntity_IsNotResolvedAndIsReported()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.vn/&xxe;</loc></url></urlset>
            """;

        // No external resolution: the entity is undeclared for the reader, and the document stops there.
        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes(xxe), FeedUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Links, Is.Empty);
            Assert.That(result.Error, Does.Contain("xxe"));
        }
    }

    [Test]
    public void Parse_NotXml_GivesNoLinksAndIsReported()
    {
        FeedParseResult result = FeedParser.Parse(Encoding.UTF8.GetBytes("<html><body><p>Trang chủ</body>"), FeedUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Links, Is.Empty);
            Assert.That(result.Error, Does.StartWith("not well-formed XML"));
        }
    }

    [Test]
    public void Parse_SitemapWithOnlyLocs_FindsEveryUrl()
    {
        const string locsOnly = """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://baosonghau.example.vn/tin-tuc/a1006.html</loc></url>
              <url><loc>https://baosonghau.example.vn/tin-tuc/a1005.html</loc></url>
            </urlset>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(locsOnly), SitemapUrl);

        Assert.That(links.Select(l => l.Url.AbsolutePath), Is.EqualTo(new[] { "/tin-tuc/a1006.html", "/tin-tuc/a1005.html" }));
    }

    [Test]
    public void Parse_SitemapLastmodAfterLoc_IsTheLinkDate()
    {
        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(Urlset), SitemapUrl);

        Assert.That(links[0].Date, Is.EqualTo(new DateTimeOffset(2025, 6, 27, 8, 15, 0, Vietnam)));
    }

    [Test]
    public void Parse_RssItemEndingWithPubDate_IsKept()
    {
        const string rss = """
            <rss version="2.0"><channel>
              <item><title>a</title><link>/tin-tuc/a1006.html</link><pubDate>Fri, 27 Jun 2025 08:15:00 +0700</pubDate></item>
              <item><title>b</title><guid isPermaLink="true">https://baosonghau.example.vn/tin-tuc/a1005.html</guid></item>
            </channel></rss>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), FeedUrl);

        Assert.That(links.Select(l => l.Url.AbsolutePath), Is.EqualTo(new[] { "/tin-tuc/a1006.html", "/tin-tuc/a1005.html" }));
    }

    [Test]
    public void Parse_AtomEntryEndingWithUpdated_IsKept()
    {
        const string atom = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><title>a</title><link href="/tin-tuc/a1003.html"/><updated>2025-06-24T15:05:00+07:00</updated></entry>
            </feed>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(atom), FeedUrl);

        var updated = new DateTimeOffset(2025, 6, 24, 15, 5, 0, Vietnam);
        Assert.That(links, Is.EqualTo(new[] { new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/a1003.html"), updated, Modified: updated) }));
    }

    [Test]
    public void Parse_SitemapWithImageExtension_KeepsThePageUrl()
    {
        const string withImages = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
              <url>
                <loc>https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html</loc>
                <lastmod>2025-06-27T08:15:00+07:00</lastmod>
                <image:image><image:loc>https://baosonghau.example.vn/img/diem-truong.jpg</image:loc><image:caption>Điểm trường</image:caption></image:image>
              </url>
            </urlset>
            """;

        (List<DiscoveredLink> links, _) = FeedParser.Parse(Encoding.UTF8.GetBytes(withImages), SitemapUrl);

        Assert.That(links.Select(l => l.Url), Is.EqualTo(new[] { new Uri("https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html") }));
    }

    // Every <url> holds <loc> then <lastmod>, the order real sitemaps (and samples/site/sitemap.xml) use.
    private const string Urlset = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html</loc><lastmod>2025-06-27T08:15:00+07:00</lastmod></url>
          <url><loc>tin-tuc/khai-mac-a1005.html</loc><lastmod>2025-06-26T09:45:00+07:00</lastmod></url>
          <url><loc> https://baosonghau.example.vn/tin-tuc/a1004.html </loc><lastmod>2025-06-25T10:20:00+07:00</lastmod></url>
        </urlset>
        """;

    private static readonly Uri[] UrlsetUrls =
    [
        new("https://baosonghau.example.vn/tin-tuc/khanh-thanh-a1006.html"),
        new("https://baosonghau.example.vn/tin-tuc/khai-mac-a1005.html"),
        new("https://baosonghau.example.vn/tin-tuc/a1004.html"),
    ];

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
