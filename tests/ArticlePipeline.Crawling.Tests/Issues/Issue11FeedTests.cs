using System.Text;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 11, "Feeds": entry links that were lost (guid permalinks, empty links, image children, Atom sources,
/// xml:base), Atom's publication date, and documents that an XML error used to lose whole. Cases written for these
/// tests, modelled on the shapes real feeds take.
/// </summary>
[TestFixture]
public sealed class Issue11FeedTests
{
    private static readonly Uri FeedUrl = new("https://baosonghau.example.vn/rss/tin-tuc.xml");
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Test]
    public void Parse_GuidWithoutIsPermaLink_IsThePermalink()
    {
        FeedParseResult result = Parse("""
            <rss version="2.0"><channel>
              <item><title>a</title><guid>https://baosonghau.example.vn/tin-tuc/a1001.html</guid></item>
              <item><title>b</title><guid>baosonghau-1002</guid></item>
              <item><title>c</title><guid isPermaLink="false">https://baosonghau.example.vn/tin-tuc/a1003.html</guid></item>
            </channel></rss>
            """);

        Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }), "a non-URL guid and isPermaLink=false give no link");
    }

    [Test]
    public void Parse_EmptyLinkBeforeGuid_FallsBackToTheGuid()
    {
        FeedParseResult result = Parse("""
            <rss version="2.0"><channel>
              <item><title>a</title><link></link><guid>https://baosonghau.example.vn/tin-tuc/a1001.html</guid></item>
              <item><title>b</title><link>   </link><guid isPermaLink="true">/tin-tuc/a1002.html</guid></item>
              <item><title>c</title><link/><guid>https://baosonghau.example.vn/tin-tuc/a1003.html</guid></item>
            </channel></rss>
            """);

        Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html", "/tin-tuc/a1002.html", "/tin-tuc/a1003.html" }));
    }

    [Test]
    public void Parse_ImageUrlInsideAnItem_DoesNotEndTheItem()
    {
        FeedParseResult result = Parse("""
            <rss version="2.0"><channel>
              <item>
                <title>a</title>
                <image><url>https://baosonghau.example.vn/img/a.jpg</url><title>ảnh</title><link>/</link></image>
                <link>/tin-tuc/a1001.html</link>
                <pubDate>Fri, 27 Jun 2025 08:15:00 +0700</pubDate>
              </item>
            </channel></rss>
            """);

        Assert.That(result.Links, Is.EqualTo(new[]
        {
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html"), new DateTimeOffset(2025, 6, 27, 8, 15, 0, Vietnam)),
        }));
    }

    [Test]
    public void Parse_AtomSourceLink_IsNotTheEntryLink()
    {
        FeedParseResult result = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry>
                <source><id>tag:other</id><link href="https://tonghop.example.com/"/><link rel="self" href="https://tonghop.example.com/atom"/></source>
                <title>a</title>
                <link href="https://baosonghau.example.vn/tin-tuc/a1001.html"/>
              </entry>
              <entry>
                <source><link href="https://tonghop.example.com/"/></source>
                <title>b, no link of its own</title>
              </entry>
            </feed>
            """);

        Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }));
    }

    [Test]
    public void Parse_XmlBase_ResolvesRelativeLinksAtEveryLevel()
    {
        FeedParseResult result = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://cdn.baosonghau.example.vn/feeds/">
              <entry><link href="../tin-tuc/a1001.html"/></entry>
              <entry xml:base="https://baosonghau.example.vn/thoi-su/"><link href="a1002.html"/></entry>
              <entry xml:base="/kinh-te/"><link xml:base="2025/" href="a1003.html"/></entry>
            </feed>
            """);

        Assert.That(result.Links.Select(l => l.Url.AbsoluteUri), Is.EqualTo(new[]
        {
            "https://cdn.baosonghau.example.vn/tin-tuc/a1001.html",
            "https://baosonghau.example.vn/thoi-su/a1002.html",
            "https://cdn.baosonghau.example.vn/kinh-te/2025/a1003.html",
        }));
    }

    [Test]
    public void Parse_AtomPublishedAfterUpdated_PublishedIsTheDate()
    {
        FeedParseResult result = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><link href="/a1.html"/><updated>2025-06-30T10:00:00+07:00</updated><published>2025-06-23T07:30:00+07:00</published></entry>
              <entry><link href="/a2.html"/><updated>2025-06-30T10:00:00+07:00</updated></entry>
            </feed>
            """);

        Assert.That(result.Links.Select(l => l.Date), Is.EqualTo(new DateTimeOffset?[]
        {
            new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam),
            new DateTimeOffset(2025, 6, 30, 10, 0, 0, Vietnam),
        }));
    }

    [Test]
    public void Parse_Rss10Rdf_ReadsLinksAndDublinCoreDates()
    {
        FeedParseResult result = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://baosonghau.example.vn/rss"><title>t</title><link>https://baosonghau.example.vn/</link>
                <items><rdf:Seq><rdf:li rdf:resource="https://baosonghau.example.vn/tin-tuc/a1001.html"/></rdf:Seq></items>
              </channel>
              <item rdf:about="https://baosonghau.example.vn/tin-tuc/a1001.html"><title>a</title><link>https://baosonghau.example.vn/tin-tuc/a1001.html</link><dc:date>2025-06-23T07:30:00+07:00</dc:date></item>
              <item rdf:about="https://baosonghau.example.vn/tin-tuc/a1002.html"><title>b, link only in rdf:about</title></item>
            </rdf:RDF>
            """);

        Assert.That(result.Links, Is.EqualTo(new[]
        {
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html"), new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam)),
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/a1002.html"), null),
        }));
    }

    [Test]
    public void Parse_Atom03_ReadsAlternateLinksAndIssuedDates()
    {
        FeedParseResult result = Parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <link rel="alternate" type="text/html" href="https://baosonghau.example.vn/"/>
              <entry>
                <link rel="alternate" type="text/html" href="https://baosonghau.example.vn/tin-tuc/a1001.html"/>
                <modified>2025-06-30T10:00:00+07:00</modified><issued>2025-06-23T07:30:00+07:00</issued>
                <content type="text/html" mode="escaped">&lt;p&gt;x&lt;/p&gt;</content>
              </entry>
            </feed>
            """);

        Assert.That(result.Links, Is.EqualTo(new[]
        {
            new DiscoveredLink(new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html"), new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam), Modified: new DateTimeOffset(2025, 6, 30, 10, 0, 0, Vietnam)),
        }));
    }

    private static string ThreeItems(string title) => $"""
        <item><title>Một</title><link>https://baosonghau.example.vn/tin-tuc/a1001.html</link></item>
        <item><title>Hai{title}</title><link>https://baosonghau.example.vn/tin-tuc/a1002.html</link></item>
        <item><title>Ba</title><link>https://baosonghau.example.vn/tin-tuc/a1003.html</link></item>
        """;

    [TestCase("raw ampersand", "Giá lúa & phân bón")]
    [TestCase("undeclared HTML entity", "Tân&nbsp;Hậu &eacute; &hellip;")]
    [TestCase("control character", "Tân\u0001Hậu\u001B")]
    [TestCase("reference to a control character", "Tân&#1;Hậu")]
    public void Parse_RepairableXmlError_KeepsEveryItem(string shape, string title)
    {
        FeedParseResult result = Parse($"<rss version=\"2.0\"><channel>{ThreeItems(title)}</channel></rss>");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html", "/tin-tuc/a1002.html", "/tin-tuc/a1003.html" }), shape);
            Assert.That(result.Error, Is.Null, shape);
            Assert.That(result.Read.Repairs, Is.Positive, shape);
        }
    }

    [Test]
    public void Parse_RawAmpersandInALink_IsPartOfTheUrl()
    {
        FeedParseResult result = Parse("<rss><channel><item><link>/index.php?module=News&sid=1234&amp;page=2</link></item></channel></rss>");

        Assert.That(result.Links.Single().Url.Query, Is.EqualTo("?module=News&sid=1234&page=2"));
    }

    [TestCase("blank lines", "\n\n  \n")]
    [TestCase("BOM and a blank line", "\uFEFF\n")]
    [TestCase("two BOMs", "\uFEFF\uFEFF")]
    public void Parse_JunkBeforeTheXmlDeclaration_IsIgnored(string shape, string junk)
    {
        FeedParseResult result = Parse(junk + "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel>" + ThreeItems(string.Empty) + "</channel></rss>");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Links, Has.Count.EqualTo(3), shape);
            Assert.That(result.Error, Is.Null, shape);
        }
    }

    [Test]
    public void Parse_Rss091WithItsStandardDoctype_IsRead()
    {
        FeedParseResult result = Parse("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>t</title><link>https://baosonghau.example.vn/</link><language>vi</language>
              <item><title>Caf&eacute;</title><link>https://baosonghau.example.vn/tin-tuc/a1001.html</link></item>
            </channel></rss>
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }));
            Assert.That(result.Error, Is.Null);
        }
    }

    [Test]
    public void Parse_TruncatedFile_KeepsTheLinksBeforeTheCutAndReportsIt()
    {
        string whole = "<rss><channel>" + ThreeItems(string.Empty) + "</channel></rss>";
        string truncated = whole[..whole.IndexOf("a1003", StringComparison.Ordinal)];

        FeedParseResult result = Parse(truncated);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html", "/tin-tuc/a1002.html" }));
            Assert.That(result.Error, Does.StartWith("not well-formed XML"));
        }
    }

    [Test]
    public void Parse_UndeclaredEntityMidway_KeepsTheLinksBeforeIt()
    {
        FeedParseResult result = Parse("<rss><channel>" + ThreeItems(" &notanentity;") + "</channel></rss>");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }));
            Assert.That(result.Error, Does.Contain("notanentity"));
        }
    }

    [TestCase("windows-1258")]
    [TestCase("windows-1252")]
    public void Parse_LegacyCodePageFeed_IsDecodedByItsDeclaration(string charset)
    {
        string title = charset == "windows-1258" ? "Nông dân Tân Hậu" : "Café crème";
        string xml = $"<?xml version=\"1.0\" encoding=\"{charset}\"?><rss><channel><item><title>{title}</title><link>/tin-tuc/a1001.html</link></item></channel></rss>";
        byte[] body = charset == "windows-1258" ? SiteContent.Windows1258(xml) : Encoding.Latin1.GetBytes(xml);

        FeedParseResult result = FeedParser.Parse(body, FeedUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }));
            Assert.That(result.Error, Is.Null);
        }
    }

    [Test]
    public void Parse_UnknownDeclaredEncoding_IsReadAsUtf8()
    {
        FeedParseResult result = FeedParser.Parse(
            Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"x-unknown-charset\"?><rss><channel><item><title>Tân Hậu</title><link>/tin-tuc/a1001.html</link></item></channel></rss>"),
            FeedUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }));
            Assert.That(result.Error, Is.Null);
        }
    }

    [TestCase("UTF-16 LE with BOM")]
    [TestCase("UTF-16 BE with BOM")]
    public void Parse_Utf16Feed_IsDecodedByItsBom(string shape)
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><item><link>/tin-tuc/a1001.html</link></item></channel></rss>";
        Encoding encoding = shape.Contains("LE", StringComparison.Ordinal) ? Encoding.Unicode : Encoding.BigEndianUnicode;

        byte[] body = [.. encoding.GetPreamble(), .. encoding.GetBytes(xml)];

        FeedParseResult result = FeedParser.Parse(body, FeedUrl);

        Assert.That(Paths(result), Is.EqualTo(new[] { "/tin-tuc/a1001.html" }), shape);
    }

    private static FeedParseResult Parse(string xml) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), FeedUrl);

    private static string[] Paths(FeedParseResult result) => [.. result.Links.Select(l => l.Url.AbsolutePath)];
}
