using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Tests;

/// <summary>
/// Issue 11, "URL canonicalisation: never merge two articles": the pairs that must stay apart (merging them loses an
/// article) and the pairs that must merge (keeping them apart stores a duplicate), each with why.
/// </summary>
[TestFixture]
public sealed class UrlCanonicalizerTableTests
{
    /// <summary>Different pages: canonicalization must never give them one form.</summary>
    public static readonly TestCaseData[] StayApart =
    [
        Pair("http://tinhnha.example.vn/modules.php?name=News&file=article&sid=1234", "http://tinhnha.example.vn/modules.php?name=News&file=article&sid=5678", "PHP-Nuke story id"),
        Pair("http://tinhnha.example.vn/index.php?sid=101", "http://tinhnha.example.vn/index.php?sid=102", "sid as the only parameter"),
        Pair("http://tinhnha.example.vn/article.php?sid=20250623073000", "http://tinhnha.example.vn/article.php?sid=20250623080000", "a long number is a story id, not a session"),
        Pair("http://tinhnha.example.vn/news.php?sid=nong-dan-thu-hoach-lua", "http://tinhnha.example.vn/news.php?sid=nong-dan-thu-hoach-ngo", "a slug in sid is a story id"),
        Pair("http://tinhnha.example.vn/modules/news/article.php?storyid=77&sid=3", "http://tinhnha.example.vn/modules/news/article.php?storyid=77&sid=4", "Xoops: a short sid is content"),
        Pair("http://tinhnha.example.vn/a.php?id=5&sessionid=12", "http://tinhnha.example.vn/a.php?id=5&sessionid=13", "a short number is not a session token"),
        Pair("http://tinhnha.example.vn/tin.html;sid=1234", "http://tinhnha.example.vn/tin.html;sid=5678", "a short path parameter sid is content"),
        Pair("https://app.example.vn/#!/tin-tuc/1001", "https://app.example.vn/#!/tin-tuc/1002", "hashbang pages"),
        Pair("https://app.example.vn/trang#!bai-1", "https://app.example.vn/trang", "a hashbang page is not its shell"),
        Pair("https://baosonghau.example.vn/Tin-Tuc/a1001.html", "https://baosonghau.example.vn/tin-tuc/a1001.html", "paths are case-sensitive"),
        Pair("https://baosonghau.example.vn/t%E1%BB%87", "https://baosonghau.example.vn/T%E1%BB%86", "case of non-ASCII letters in the path"),
        Pair("https://baosonghau.example.vn/news.aspx?id=1", "https://baosonghau.example.vn/news.aspx?id=2", "different query values"),
        Pair("https://baosonghau.example.vn/news.aspx?id=1", "https://baosonghau.example.vn/news.aspx?ID=1", "parameter names are case-sensitive"),
        Pair("https://baosonghau.example.vn/tim?q=lua", "https://baosonghau.example.vn/tim?q=LUA", "query values are case-sensitive"),
        Pair("https://baosonghau.example.vn/news.aspx?id=0123", "https://baosonghau.example.vn/news.aspx?id=123", "leading zeros are part of a value"),
        Pair("https://baosonghau.example.vn/a%2Fb", "https://baosonghau.example.vn/a/b", "%2F is not a path separator"),
        Pair("https://baosonghau.example.vn/a%3Fb", "https://baosonghau.example.vn/a?b", "%3F is not the start of a query"),
        Pair("https://baosonghau.example.vn/a%23b", "https://baosonghau.example.vn/a#b", "%23 is not a fragment"),
        Pair("https://baosonghau.example.vn/x?q=a%26b%3Dc", "https://baosonghau.example.vn/x?q=a&b=c", "an escaped & inside a value"),
        Pair("https://baosonghau.example.vn/a%252F", "https://baosonghau.example.vn/a%2F", "an escaped percent sign"),
        Pair("https://baosonghau.example.vn/a+b", "https://baosonghau.example.vn/a%20b", "+ is a plus sign in a path"),
        Pair("http://baosonghau.example.vn:8080/a.html", "http://baosonghau.example.vn/a.html", "a port that is not the default"),
        Pair("https://baosonghau.example.vn:80/a.html", "https://baosonghau.example.vn/a.html", "80 is not https's default"),
        Pair("http://[::1]:8080/a.html", "http://[::1]:8081/a.html", "two ports of one IPv6 address"),
        Pair("http://baosonghau.example.vn/a.html", "https://baosonghau.example.vn/a.html", "http and https are two URLs"),
        Pair("https://www.baosonghau.example.vn/a.html", "https://baosonghau.example.vn/a.html", "www is another host"),
        Pair("https://m.baosonghau.example.vn/a.html", "https://baosonghau.example.vn/a.html", "a subdomain is another host"),
        Pair("https://baosonghau.example.vn/thoi-su/", "https://baosonghau.example.vn/thoi-su", "a trailing slash (record form)"),
        Pair("https://baosonghau.example.vn/a.html", "https://baosonghau.example.vn/a.htm", "another extension"),
        Pair("https://blog.example.vn/?p=1001", "https://blog.example.vn/", "WordPress ?p= is the article"),
        Pair("https://baosonghau.example.vn/thoi-su?page=2", "https://baosonghau.example.vn/thoi-su?page=3", "listing pages"),
        Pair("https://baosonghau.example.vn/a.html?ref=home", "https://baosonghau.example.vn/a.html?ref=rss", "ref is stripped only where a source says so"),
        Pair("https://baosonghau.example.vn/a.html?lang=vi", "https://baosonghau.example.vn/a.html?lang=en", "language editions"),
        Pair("https://baosonghau.example.vn/tin;v=1", "https://baosonghau.example.vn/tin;v=2", "path parameters"),
        Pair("https://baosonghau.example.vn/x?a=1&b", "https://baosonghau.example.vn/x?a=1", "a parameter without a value"),
        Pair("https://baosonghau.example.vn/news/123", "https://baosonghau.example.vn/news/1234", "a longer id"),
        Pair("https://bao.example.vn/x", "https://xn--bo-mia.example.vn/x", "a host with a diacritic is another host"),
        Pair("https://baosonghau.example.vn/index.php", "https://baosonghau.example.vn/", "index.php may be another page"),
        Pair("https://baosonghau.example.vn/x??id=1", "https://baosonghau.example.vn/x?id=1", "a second ? is part of the query"),
        Pair("https://baosonghau.example.vn/a.php?id=5&PHPSESSID=abc123", "https://baosonghau.example.vn/a.php?id=5", "a short value is kept even under a session name"),
    ];

    /// <summary>The same page written two ways: canonicalization must give them one form.</summary>
    public static readonly TestCaseData[] Merge =
    [
        Pair("HTTPS://BaoSongHau.Example.VN/a.html", "https://baosonghau.example.vn/a.html", "case of scheme and host"),
        Pair("http://baosonghau.example.vn:80/a.html", "http://baosonghau.example.vn/a.html", "http's default port"),
        Pair("https://baosonghau.example.vn:443/a.html", "https://baosonghau.example.vn/a.html", "https's default port"),
        Pair("https://baosonghau.example.vn/a.html?utm_source=rss&utm_medium=feed&UTM_Campaign=x", "https://baosonghau.example.vn/a.html", "utm_* parameters"),
        Pair("https://baosonghau.example.vn/news.aspx?id=7&utm_source=zalo", "https://baosonghau.example.vn/news.aspx?id=7", "utm_* next to an id"),
        Pair("https://baosonghau.example.vn/a.html?fbclid=IwAR0abc&gclid=xyz&zarsrc=30", "https://baosonghau.example.vn/a.html", "click ids"),
        Pair("https://baosonghau.example.vn/a.html?_ga=2.1.2.3&_gl=1*abc&mc_cid=x", "https://baosonghau.example.vn/a.html", "analytics parameters"),
        Pair("https://baosonghau.example.vn/a.html#binh-luan", "https://baosonghau.example.vn/a.html", "an ordinary fragment"),
        Pair("https://baosonghau.example.vn/a.html#top", "https://baosonghau.example.vn/a.html#comments", "two ordinary fragments"),
        Pair("https://baosonghau.example.vn./a.html", "https://baosonghau.example.vn/a.html", "a trailing dot in the host"),
        Pair("https://báo.example.vn/a.html", "https://xn--bo-mia.example.vn/a.html", "IDN and punycode"),
        Pair("https://BÁO.example.vn/a.html", "https://báo.example.vn/a.html", "case of an international host"),
        Pair("https://baosonghau.example.vn/%7Etoa-soan/%41", "https://baosonghau.example.vn/~toa-soan/A", "escaped unreserved characters"),
        Pair("https://baosonghau.example.vn/%2d%2e%5f", "https://baosonghau.example.vn/-._", "lower-case escapes of unreserved characters"),
        Pair("https://baosonghau.example.vn/a%2fb", "https://baosonghau.example.vn/a%2Fb", "hex case of a reserved escape"),
        Pair("https://baosonghau.example.vn/x?q=a%2fb", "https://baosonghau.example.vn/x?q=a%2Fb", "hex case in the query"),
        Pair("https://baosonghau.example.vn/t%e1%bb%87", "https://baosonghau.example.vn/tệ", "escaped and raw UTF-8"),
        Pair("https://baosonghau.example.vn/tin tuc", "https://baosonghau.example.vn/tin%20tuc", "a raw space"),
        Pair("https://baosonghau.example.vn/a/./b/../c.html", "https://baosonghau.example.vn/a/c.html", "dot segments"),
        Pair("https://baosonghau.example.vn", "https://baosonghau.example.vn/", "an empty path is /"),
        Pair("https://baosonghau.example.vn/a.html?", "https://baosonghau.example.vn/a.html", "an empty query"),
        Pair("https://baosonghau.example.vn/x?a=1&&b=2&", "https://baosonghau.example.vn/x?a=1&b=2", "empty query pairs"),
        Pair("https://baosonghau.example.vn/a.php?id=5&PHPSESSID=el4ukv0kqbvoirg7nkp4dncpk3", "https://baosonghau.example.vn/a.php?id=5", "a PHP session"),
        Pair("https://tinhnha.example.vn/modules.php?name=News&sid=9f86d081884c7d659a2feaa0c55ad015", "https://tinhnha.example.vn/modules.php?name=News", "a hex session in sid"),
        Pair("https://baosonghau.example.vn/a.html;jsessionid=1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D?id=5", "https://baosonghau.example.vn/a.html?id=5", "a Java session path parameter"),
        Pair("https://baosonghau.example.vn/a.html;jsessionid=node01x8mk2ts9a1b2c3d4e5f6.node0", "https://baosonghau.example.vn/a.html", "a Jetty session"),
        Pair("https://baosonghau.example.vn/a.asp?ASPSESSIONIDQQGGGNCG=LKMACIDAHJPMJMPJBPBJDIGC&id=5", "https://baosonghau.example.vn/a.asp?id=5", "a classic ASP session"),
        Pair("https://baosonghau.example.vn/p.php?products_id=5&osCsid=3f2504e0-4f89-11d3-9a0c-0305e82c3301", "https://baosonghau.example.vn/p.php?products_id=5", "a UUID session"),
        Pair("https://user:secret@baosonghau.example.vn/a.html", "https://baosonghau.example.vn/a.html", "user information (never in a record)"),
        Pair("https://baosonghau.example.vn/#!/tin/1?utm_source=x", "https://baosonghau.example.vn/#!/tin/1?utm_source=x", "a hashbang is kept as written"),
        Pair("https://baosonghau.example.vn/x#!a%2fb", "https://baosonghau.example.vn/x#!a%2Fb", "hex case in a hashbang"),
    ];

    [TestCaseSource(nameof(StayApart))]
    public void Canonicalize_DifferentPages_StayApart(string first, string second)
    {
        Uri a = UrlCanonicalizer.Canonicalize(new Uri(first)), b = UrlCanonicalizer.Canonicalize(new Uri(second));

        Assert.That(a.AbsoluteUri, Is.Not.EqualTo(b.AbsoluteUri));
    }

    [TestCaseSource(nameof(Merge))]
    public void Canonicalize_OnePageWrittenTwoWays_Merges(string first, string second)
    {
        Uri a = UrlCanonicalizer.Canonicalize(new Uri(first)), b = UrlCanonicalizer.Canonicalize(new Uri(second));

        Assert.That(a.AbsoluteUri, Is.EqualTo(b.AbsoluteUri));
    }

    [TestCaseSource(nameof(StayApart))]
    [TestCaseSource(nameof(Merge))]
    public void Canonicalize_TableUrls_AreIdempotent(string first, string second)
    {
        foreach (string url in new[] { first, second })
        {
            foreach (TrailingSlashPolicy policy in Enum.GetValues<TrailingSlashPolicy>())
            {
                Uri once = UrlCanonicalizer.Canonicalize(new Uri(url), policy);
                Assert.That(UrlCanonicalizer.Canonicalize(once, policy).AbsoluteUri, Is.EqualTo(once.AbsoluteUri), $"{url} ({policy})");
            }
        }
    }

    [Test]
    public void Canonicalize_RecordForm_HasNoSecretsAndKeepsTheHashbang()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(UrlCanonicalizer.Canonicalize(new Uri("https://user:secret@baosonghau.example.vn/a.html")).AbsoluteUri,
                Is.EqualTo("https://baosonghau.example.vn/a.html"));
            Assert.That(UrlCanonicalizer.Canonicalize(new Uri("https://App.example.vn/#!/tin-tuc/1001")).AbsoluteUri,
                Is.EqualTo("https://app.example.vn/#!/tin-tuc/1001"));
            Assert.That(UrlCanonicalizer.Canonicalize(new Uri("http://tinhnha.example.vn/modules.php?name=News&file=article&sid=1234&utm_source=fb")).AbsoluteUri,
                Is.EqualTo("http://tinhnha.example.vn/modules.php?name=News&file=article&sid=1234"));
        }
    }

    [TestCase("ref", "https://baosonghau.example.vn/a.html?id=5&REF=home", "https://baosonghau.example.vn/a.html?id=5")]
    [TestCase("src_*", "https://baosonghau.example.vn/a.html?src_box=hot&src_pos=3&id=5", "https://baosonghau.example.vn/a.html?id=5")]
    [TestCase("ref", "https://baosonghau.example.vn/a.html?referer=x", "https://baosonghau.example.vn/a.html?referer=x")]
    public void Canonicalize_SourceStripParameters_RemovesOnlyThose(string strip, string url, string expected)
    {
        Uri canonical = UrlCanonicalizer.Canonicalize(new Uri(url), TrailingSlashPolicy.Keep, [strip]);

        Assert.That(canonical.AbsoluteUri, Is.EqualTo(expected));
    }

    [TestCase("9f86d081884c7d659a2feaa0c55ad015", true)]
    [TestCase("el4ukv0kqbvoirg7nkp4dncpk3", true)]
    [TestCase("LKMACIDAHJPMJMPJBPBJDIGC", true)]
    [TestCase("3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [TestCase("node01x8mk2ts9a1b2c3d4e5f6.node0", true)]
    [TestCase("dGhpc2lzYXRva2VuMTIzNDU2Nzg=", true)]
    [TestCase("1234", false)]
    [TestCase("20250623073000123", false)]
    [TestCase("abc123", false)]
    [TestCase("nong-dan-thu-hoach-lua-he-thu", false)]
    [TestCase("bai-viet-so-1-a5001", false)]
    [TestCase("tin_tuc_2025_06_23_lua", false)]
    [TestCase("9f86d081884c7d65<9a2feaa0c55ad015", false)]
    public void LooksLikeSessionToken_Value_IsDecidedByItsShape(string value, bool token) =>
        Assert.That(UrlCanonicalizer.LooksLikeSessionToken(value), Is.EqualTo(token));

    private static TestCaseData Pair(string first, string second, string why) =>
        new TestCaseData(first, second).SetArgDisplayNames(why);
}
