using System.Text;
using ArticlePipeline.Crawling.Discovery;
using FsCheck;
using FsCheck.Fluent;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 10, item 2: <c>link ??= reader.ReadElementContentAsString()</c> stopped advancing once a link was set, so a
/// second text <c>&lt;link&gt;</c>, an <c>atom:link</c> without <c>rel</c> before <c>&lt;link&gt;</c>, an
/// <c>&lt;image&gt;&lt;link&gt;</c> in an item, two <c>&lt;loc&gt;</c> in a <c>&lt;url&gt;</c> or an <c>xhtml:link</c>
/// before <c>&lt;loc&gt;</c> spun at 100 % CPU forever. Every parse here runs under a timeout.
/// </summary>
[TestFixture]
public sealed class Issue10FeedLoopTests
{
    private static readonly Uri FeedUrl = new("https://baosonghau.example.vn/rss.xml");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private const string Namespaces =
        "xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" " +
        "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"";

    [TestCase("second text link", "<rss version=\"2.0\"><channel><item><link>/a1.html</link><link>/a2.html</link><title>t</title></item><item><link>/b.html</link></item></channel></rss>", "/a1.html", "/b.html")]
    [TestCase("atom:link without rel first", "<rss version=\"2.0\" " + Namespaces + "><channel><item><atom:link href=\"/a1.html\"/><link>/a1.html</link></item><item><link>/b.html</link></item></channel></rss>", "/a1.html", "/b.html")]
    [TestCase("image link in item", "<rss version=\"2.0\"><channel><item><link>/a1.html</link><image><url>/i.png</url><link>/</link></image></item><item><link>/b.html</link></item></channel></rss>", "/a1.html", "/b.html")]
    [TestCase("two loc in url", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>/a1.html</loc><loc>/a2.html</loc></url><url><loc>/b.html</loc></url></urlset>", "/a1.html", "/b.html")]
    [TestCase("xhtml:link before loc", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" " + Namespaces + "><url><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"/en/a1.html\"/><loc>/a1.html</loc></url><url><loc>/b.html</loc></url></urlset>", "/a1.html", "/b.html")]
    public void Parse_ElementsThatUsedToSpin_TerminateWithTheEntryLinks(string shape, string xml, string first, string second)
    {
        FeedParseResult result = ParseWithin(xml, Limit);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Links.Select(l => l.Url.AbsolutePath), Is.EqualTo(new[] { first, second }), shape);
            Assert.That(result.Error, Is.Null, shape);
        }
    }

    [Test]
    public void Read_Cancelled_StopsAHugeFeedAtOnce()
    {
        var xml = new StringBuilder("<rss version=\"2.0\"><channel>");
        for (int i = 0; i < 200_000; i++)
        {
            xml.Append("<item><link>/a.html</link><link>/b.html</link></item>");
        }

        byte[] body = Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
        using var cancellation = new CancellationTokenSource();
        int seen = 0;

        void OnLink(DiscoveredLink link)
        {
            if (++seen == 1000)
            {
                cancellation.Cancel();
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(() => FeedParser.Read(body, FeedUrl, OnLink, _ => { }, cancellationToken: cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(seen, Is.EqualTo(1000), "the entry after the cancellation is not read");
        });
    }

    /// <summary>Random sequences of the elements named in the issue, nested in item/entry/url, always terminate and never throw.</summary>
    [Test]
    public void Parse_RandomSequencesOfTroublesomeElements_AlwaysTerminateAndNeverThrow()
    {
        string[] children =
        [
            "<link>/l.html</link>", "<link></link>", "<link/>", "<link>/l2.html</link>",
            "<atom:link href=\"/al.html\"/>", "<atom:link rel=\"self\" href=\"/self.xml\"/>", "<link rel=\"alternate\" href=\"/alt.html\"/>",
            "<image><link>/</link><url>/i.png</url></image>", "<image:image><image:loc>/i.jpg</image:loc></image:image>",
            "<loc>/loc.html</loc>", "<loc>/loc2.html</loc>", "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"/en.html\"/>",
            "<guid>https://baosonghau.example.vn/g.html</guid>", "<guid isPermaLink=\"false\">x-1</guid>",
            "<pubDate>Fri, 27 Jun 2025 08:15:00 +0700</pubDate>", "<lastmod>2025-06-27</lastmod>", "<updated>2025-06-26T08:00:00Z</updated>",
            "<source><link href=\"https://other.example/\"/></source>", "<title>A &amp; B</title>", "<description><![CDATA[<p>x</p>]]></description>",
            "text", "&", "&nbsp;", "\u0001", "<item><link>/nested.html</link></item>", "<url><loc>/nested.html</loc></url>",
        ];
        string[] entries = ["item", "entry", "url"];
        Gen<string> entry =
            from name in Gen.Elements(entries)
            from parts in Gen.ArrayOf(Gen.Elements(children))
            select $"<{name}>{string.Concat(parts)}</{name}>";
        Gen<string> document =
            from root in Gen.Elements("rss", "feed", "urlset")
            from items in Gen.ArrayOf(entry)
            from cut in Gen.Choose(0, 100)
            let whole = $"<?xml version=\"1.0\"?><{root} {Namespaces}><channel>{string.Concat(items)}</channel></{root}>"
            // One document in four is truncated somewhere.
            select cut < 75 ? whole : whole[..(whole.Length * cut / 100)];
        int tried = 0;

        Prop.ForAll(
                Arb.From(document),
                xml =>
                {
                    tried++;
                    FeedParseResult result = ParseWithin(xml, TimeSpan.FromSeconds(5));
                    int entryTags = CountOf(xml, "<item>") + CountOf(xml, "<entry>") + CountOf(xml, "<url>");
                    return (result.Links.Count <= entryTags).Label($"{result.Links.Count} links from {entryTags} entries: {xml}");
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true));

        Assert.That(tried, Is.GreaterThanOrEqualTo(500));
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Parses on another thread; a parse that does not end within <paramref name="limit"/> fails the test.</summary>
    private static FeedParseResult ParseWithin(string xml, TimeSpan limit)
    {
        Task<FeedParseResult> parse = Task.Run(() => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), FeedUrl));
        if (!parse.Wait(limit))
        {
            throw new TimeoutException($"the parser did not finish within {limit}: {xml}");
        }

        return parse.Result;
    }
}
