using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Tests;

[TestFixture]
public sealed class UrlCanonicalizerTests
{
    [TestCase("HTTPS://BaoSongHau.Example.VN/tin-tuc/a1001.html", "https://baosonghau.example.vn/tin-tuc/a1001.html")]
    [TestCase("https://baosonghau.example.vn:443/tin-tuc/a1001.html", "https://baosonghau.example.vn/tin-tuc/a1001.html")]
    [TestCase("http://baosonghau.example.vn:80/a.html", "http://baosonghau.example.vn/a.html")]
    [TestCase("http://baosonghau.example.vn:8080/a.html", "http://baosonghau.example.vn:8080/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html#binh-luan", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html?utm_source=rss&utm_medium=feed&UTM_Campaign=x", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html?fbclid=IwAR0abc&gclid=xyz", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html?", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html?b=2&utm_source=rss&a=1&fbclid=x#top", "https://baosonghau.example.vn/a.html?b=2&a=1")]
    [TestCase("https://baosonghau.example.vn/news.php?id=1001&cat=5", "https://baosonghau.example.vn/news.php?id=1001&cat=5")]
    [TestCase("https://baosonghau.example.vn/Tin-Tuc/A1001.html", "https://baosonghau.example.vn/Tin-Tuc/A1001.html")]
    [TestCase("https://baosonghau.example.vn./a.html", "https://baosonghau.example.vn/a.html")]
    public void Canonicalize_Variant_IsTheCanonicalForm(string url, string expected)
    {
        Assert.That(UrlCanonicalizer.Canonicalize(new Uri(url)).AbsoluteUri, Is.EqualTo(expected));
    }

    [Test]
    public void Canonicalize_CanonicalUrl_IsUnchanged()
    {
        var url = new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html?id=5&page=2");

        Uri once = UrlCanonicalizer.Canonicalize(url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(once, Is.EqualTo(url));
            Assert.That(UrlCanonicalizer.Canonicalize(once), Is.EqualTo(once));
        }
    }

    [Test]
    public void Canonicalize_FileUrl_IsUnchanged()
    {
        var url = new Uri("file:///work/samples/site/tin-tuc/a1001.html");

        Assert.That(UrlCanonicalizer.Canonicalize(url), Is.SameAs(url));
    }

    [Test]
    public void Canonicalize_InternationalHost_UsesItsPunycodeForm()
    {
        Uri canonical = UrlCanonicalizer.Canonicalize(new Uri("https://Báo.example.vn/a.html"));

        Assert.That(canonical.Host, Is.EqualTo("xn--bo-mia.example.vn"));
    }
}
