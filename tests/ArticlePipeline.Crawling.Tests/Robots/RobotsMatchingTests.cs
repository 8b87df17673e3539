using System.Text;
using ArticlePipeline.Crawling.Robots;

namespace ArticlePipeline.Crawling.Tests.Robots;

[TestFixture]
public sealed class RobotsMatchingTests
{
    [TestCaseSource(typeof(RobotsCases), nameof(RobotsCases.All))]
    public bool Evaluate_Case_DecidesAsRfc9309Says(string robots, string agent, string path) =>
        RobotsParser.Parse(robots).Evaluate(agent, path).Allowed;

    [TestCaseSource(typeof(RobotsCases), nameof(RobotsCases.All))]
    public bool Evaluate_SameCaseFromUtf8Bytes_DecidesTheSame(string robots, string agent, string path) =>
        RobotsParser.Parse(Encoding.UTF8.GetBytes(robots)).Evaluate(agent, path).Allowed;

    [Test]
    public void Evaluate_LongestMatch_NamesTheDecisiveRule()
    {
        RobotsFile file = RobotsParser.Parse("User-agent: *\nDisallow: /tin-tuc/\nAllow: /tin-tuc/*.html$\n");

        RobotsVerdict verdict = file.Evaluate("ArticlePipeline", "/tin-tuc/a1001.html");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Allowed, Is.True);
            Assert.That(verdict.Rule, Is.EqualTo(new RobotsRule(true, "/tin-tuc/*.html$")));
        }
    }

    [Test]
    public void Parse_SitemapLines_AreCollectedWhereverTheyStand()
    {
        RobotsFile file = RobotsParser.Parse("""
            Sitemap: https://baosonghau.example.vn/sitemap.xml
            User-agent: *
            Disallow: /tim-kiem
            Sitemap: https://baosonghau.example.vn/news-sitemap.xml
            Sitemap: not a url
            Sitemap: ftp://baosonghau.example.vn/old.xml
            """);

        Assert.That(file.Sitemaps, Is.EqualTo(new[]
        {
            new Uri("https://baosonghau.example.vn/sitemap.xml"),
            new Uri("https://baosonghau.example.vn/news-sitemap.xml"),
        }));
    }

    [Test]
    public void Parse_CrawlDelay_BelongsToItsGroup()
    {
        RobotsFile file = RobotsParser.Parse("User-agent: ArticlePipeline\nCrawl-delay: 2.5\nDisallow: /x\nUser-agent: *\nCrawl-delay: 10\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(file.For("ArticlePipeline").CrawlDelay, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
            Assert.That(file.For("OtherBot").CrawlDelay, Is.EqualTo(TimeSpan.FromSeconds(10)));
        }
    }

    [TestCase("Crawl-delay: -1")]
    [TestCase("Crawl-delay: soon")]
    [TestCase("Crawl-delay:")]
    public void Parse_InvalidCrawlDelay_IsIgnored(string line)
    {
        RobotsFile file = RobotsParser.Parse("User-agent: *\n" + line + "\nDisallow: /x\n");

        Assert.That(file.For("ArticlePipeline").CrawlDelay, Is.Null);
    }

    [Test]
    public void Parse_RuleWithin500KiB_Applies()
    {
        string robots = "User-agent: *\n" + Filler(RobotsParser.MaxBytes - 1000) + "Disallow: /late\n";

        Assert.That(RobotsParser.Parse(Encoding.UTF8.GetBytes(robots)).Evaluate("ArticlePipeline", "/late").Allowed, Is.False);
    }

    [Test]
    public void Parse_RuleBeyond500KiB_IsIgnored()
    {
        string robots = "User-agent: *\nDisallow: /early\n" + Filler(RobotsParser.MaxBytes) + "Disallow: /late\n";
        RobotsFile file = RobotsParser.Parse(Encoding.UTF8.GetBytes(robots));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(file.Evaluate("ArticlePipeline", "/early").Allowed, Is.False);
            Assert.That(file.Evaluate("ArticlePipeline", "/late").Allowed, Is.True);
        }
    }

    [Test]
    public void Parse_LineCutByTheLimit_IsDropped()
    {
        // "Disallow: /abc" straddles the limit: reading "Disallow: /a" instead would disallow far too much.
        string head = "User-agent: *\n";
        string filler = Filler(RobotsParser.MaxBytes - head.Length - "Disallow: /a".Length);
        string robots = head + filler + "Disallow: /abc\n";

        RobotsFile file = RobotsParser.Parse(Encoding.UTF8.GetBytes(robots));

        Assert.That(file.Evaluate("ArticlePipeline", "/a-page").Allowed, Is.True);
    }

    [Test]
    public void Parse_ManyWildcards_StaysLinear()
    {
        string pattern = "/" + string.Concat(Enumerable.Repeat("*a", 200)) + "b";
        string path = "/" + new string('a', 2000);

        RobotsFile file = RobotsParser.Parse("User-agent: *\nDisallow: " + pattern + "\n");

        Assert.That(file.Evaluate("ArticlePipeline", path).Allowed, Is.True);
    }

    [TestCase("ArticlePipeline/1.0 (+https://github.com/article-pipeline; news-archive crawler)", "ArticlePipeline")]
    [TestCase("Mozilla/5.0 (compatible; Googlebot/2.1)", "Mozilla")]
    [TestCase("news_archive-bot", "news_archive-bot")]
    [TestCase("  MyArchive  ", "MyArchive")]
    [TestCase("1984bot", "")]
    public void ProductToken_UserAgent_IsItsLeadingToken(string userAgent, string token) =>
        Assert.That(RobotsParser.ProductToken(userAgent), Is.EqualTo(token));

    [Test]
    public void ProductToken_DefaultOptions_IsArticlePipeline() =>
        Assert.That(new NetworkOptions().ProductToken(), Is.EqualTo("ArticlePipeline"));

    [TestCase("/%7Efoo", "/~foo")]
    [TestCase("/a%2fb", "/a%2Fb")]
    [TestCase("/ツ", "/%E3%83%84")]
    [TestCase("/a b", "/a%20b")]
    [TestCase("/100%", "/100%")]
    [TestCase("/plain/path?q=1", "/plain/path?q=1")]
    public void Normalize_Value_IsTheNormalForm(string value, string expected) =>
        Assert.That(RobotsMatcher.Normalize(value), Is.EqualTo(expected));

    /// <summary>Comment lines of exactly <paramref name="bytes"/> bytes, ending with a line break.</summary>
    private static string Filler(int bytes)
    {
        var text = new StringBuilder(bytes);
        while (bytes - text.Length > 64)
        {
            text.Append('#').Append('x', 62).Append('\n');
        }

        int rest = bytes - text.Length;
        return (rest == 1 ? text.Append('\n') : text.Append('#').Append('x', rest - 2).Append('\n')).ToString();
    }
}
