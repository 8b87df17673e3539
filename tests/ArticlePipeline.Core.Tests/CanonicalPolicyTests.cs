using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Tests;

/// <summary>Issue 10, item 8: a page's canonical link names the article only on its own site (or its source's hosts).</summary>
[TestFixture]
public sealed class CanonicalPolicyTests
{
    private static readonly SourceInfo Info = new("baosonghau", "Báo Sông Hậu", null, "baosonghau.example.vn");
    private static readonly DateTimeOffset FetchedAt = new(2025, 6, 23, 1, 0, 0, TimeSpan.Zero);

    [TestCase("www.baoangiang.com.vn", "baoangiang.com.vn")]
    [TestCase("m.baoangiang.com.vn", "baoangiang.com.vn")]
    [TestCase("baoquangtri.vn", "baoquangtri.vn")]
    [TestCase("WWW.BaoQuangTri.VN.", "baoquangtri.vn")]
    [TestCase("thoisu.baoquangtri.vn", "baoquangtri.vn")]
    [TestCase("sonoivu.angiang.gov.vn", "angiang.gov.vn")]
    [TestCase("baoangiang.angiang.vn", "baoangiang.angiang.vn")]
    [TestCase("angiang.vn", "angiang.vn")]
    [TestCase("com.vn", "com.vn")]
    [TestCase("vn", "vn")]
    [TestCase("news.bbc.co.uk", "bbc.co.uk")]
    [TestCase("www.abc.net.au", "abc.net.au")]
    [TestCase("www.pravda.com.ua", "pravda.com.ua")]
    [TestCase("news.kyiv.ua", "news.kyiv.ua")]
    [TestCase("www.bangkokpost.co.th", "bangkokpost.co.th")]
    [TestCase("www.digi24.ro", "digi24.ro")]
    [TestCase("news.example.com.kh", "example.com.kh")]
    [TestCase("genuine-news.github.io", "genuine-news.github.io")]
    [TestCase("hostile.blogspot.com", "hostile.blogspot.com")]
    [TestCase("www.báo.vn", "xn--bo-mia.vn")]
    [TestCase("127.0.0.1", "127.0.0.1")]
    [TestCase("[::1]", "[::1]")]
    [TestCase("localhost", "localhost")]
    public void Of_Host_IsItsRegistrableDomain(string host, string expected) =>
        Assert.That(RegistrableDomain.Of(host), Is.EqualTo(expected));

    /// <summary>fetched URL, declared canonical, the record's identity, whether the declared one is kept as foreign.</summary>
    [TestCase("https://baoangiang.com.vn/a-a1.html", "https://baoangiang.com.vn/a-a1.html?x", "https://baoangiang.com.vn/a-a1.html?x", false, TestName = "same host")]
    [TestCase("https://m.baoangiang.com.vn/a-a1.html", "https://www.baoangiang.com.vn/a-a1.html", "https://www.baoangiang.com.vn/a-a1.html", false, TestName = "mobile host names the desktop one")]
    [TestCase("http://127.0.0.1:5001/a.html", "http://127.0.0.1:5002/b.html", "http://127.0.0.1:5002/b.html", false, TestName = "one address, two ports")]
    [TestCase("https://hostile.example/a.html", "https://baoangiang.com.vn/a-a1.html", "https://hostile.example/a.html", true, TestName = "another site's article")]
    [TestCase("http://127.0.0.1:5001/a.html", "https://genuine-news.example/a.html", "http://127.0.0.1:5001/a.html", true, TestName = "loopback page names a public site")]
    [TestCase("https://baoangiang.com.vn/a.html", "https://baoquangtri.com.vn/a.html", "https://baoangiang.com.vn/a.html", true, TestName = "two papers under com.vn")]
    [TestCase("https://a.angiang.vn/x.html", "https://b.angiang.vn/x.html", "https://a.angiang.vn/x.html", true, TestName = "two sites under a province suffix")]
    [TestCase("https://evil.github.io/x.html", "https://genuine.github.io/x.html", "https://evil.github.io/x.html", true, TestName = "two sites on one hosting platform")]
    [TestCase("https://baoangiang.com.vn/a.html", "javascript:alert(1)", "https://baoangiang.com.vn/a.html", false, TestName = "not a web URL")]
    [TestCase("file:///srv/captures/a.html", "https://baoangiang.com.vn/a-a1.html", "https://baoangiang.com.vn/a-a1.html", false, TestName = "a local capture")]
    public void Choose_DeclaredCanonical_IsTrustedOnlyOnItsOwnSite(string fetched, string declared, string identity, bool foreign)
    {
        CanonicalChoice choice = CanonicalPolicy.Choose(new Uri(fetched), new Uri(declared), null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice.Identity.AbsoluteUri, Is.EqualTo(new Uri(identity).AbsoluteUri));
            Assert.That(choice.Foreign, foreign ? Is.EqualTo(new Uri(declared)) : Is.Null);
        }
    }

    [Test]
    public void Choose_CanonicalOnAnotherHostOfTheSameSource_IsTrusted()
    {
        var source = new SourceDefinition { Id = "a", HomeUrl = "https://baosonghau.example.vn/", Feeds = ["https://rss.songhau-media.example/bao.xml"] };

        CanonicalChoice choice = CanonicalPolicy.Choose(
            new Uri("https://cdn.songhau-media.example/tin/a1.html"), new Uri("https://baosonghau.example.vn/tin/a1.html"), source);
        CanonicalChoice without = CanonicalPolicy.Choose(
            new Uri("https://cdn.songhau-media.example/tin/a1.html"), new Uri("https://baosonghau.example.vn/tin/a1.html"), null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice, Is.EqualTo(new CanonicalChoice(new Uri("https://baosonghau.example.vn/tin/a1.html"), null)));
            Assert.That(without.Identity, Is.EqualTo(new Uri("https://cdn.songhau-media.example/tin/a1.html")));
        }
    }

    [Test]
    public void Build_ForeignCanonical_IdIsTheFetchedUrlAndTheCanonicalIsASourceLink()
    {
        ExtractedArticle article = Articles.Vietnamese() with { Language = "vi", CanonicalUrl = new Uri("https://genuine-news.example/tin/a1.html") };
        var fetched = new Uri("https://hostile.example/copy.html?utm_source=x");

        ArticleRecord record = RecordBuilder.Build(article, fetched, Info, FetchedAt, new Dictionary<string, LanguageVersion>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Url, Is.EqualTo("https://hostile.example/copy.html"));
            Assert.That(record.Id, Is.EqualTo(ArticleIds.FromUrl(new Uri("https://hostile.example/copy.html"))));
            Assert.That(record.Id, Is.Not.EqualTo(ArticleIds.FromUrl(new Uri("https://genuine-news.example/tin/a1.html"))));
            Assert.That(record.SourceLinks, Is.EqualTo(new[] { "https://genuine-news.example/tin/a1.html" }));
        }
    }

    [Test]
    public void Build_SourceStripParameters_ApplyToTheRecordUrl()
    {
        ExtractedArticle article = Articles.Vietnamese() with { Language = "vi", CanonicalUrl = null };
        var source = new SourceDefinition { Id = "a", HomeUrl = "https://baosonghau.example.vn/", StripParameters = ["ref"] };

        ArticleRecord record = RecordBuilder.Build(
            article, new Uri("https://baosonghau.example.vn/tin.php?id=7&ref=home"), Info, FetchedAt, new Dictionary<string, LanguageVersion>(), source);

        Assert.That(record.Url, Is.EqualTo("https://baosonghau.example.vn/tin.php?id=7"));
    }
}
