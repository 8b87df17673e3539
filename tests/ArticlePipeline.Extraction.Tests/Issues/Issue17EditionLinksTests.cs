using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>Issue 17: the editions a page links, as the pipeline uses them to find the publisher's own translations.</summary>
[TestFixture]
public sealed class Issue17EditionLinksTests
{
    private static readonly Uri PageUrl = new("https://baosonghau.example.vn/thoi-su/lua-he-thu-a1001.html");

    private const string Body = """
        <article><h1>Nông dân Tân Hậu thu hoạch lúa hè thu sớm để tránh lũ</h1>
        <p>Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm hơn mọi năm để tránh mùa lũ đang đến gần.</p>
        <p>Theo Phòng Nông nghiệp huyện, năng suất bình quân đạt gần 6,5 tấn mỗi héc-ta, cao hơn vụ trước; giá lúa tươi tại ruộng ổn định.</p>
        <p>Ngành chức năng khuyến cáo bà con không đốt rơm rạ trên đồng mà bán cho các hộ trồng nấm hoặc để làm thức ăn cho trâu bò.</p>
        </article>
        """;

    [Test]
    public void Extract_HeadAlternates_GiveOneLinkPerLanguageByPrimarySubtag_WithoutSelfOrXDefault()
    {
        ExtractedArticle article = Extract($"""
            <link rel="canonical" href="{PageUrl}">
            <link rel="alternate" hreflang="vi" href="{PageUrl}">
            <link rel="alternate" hreflang="x-default" href="https://baosonghau.example.vn/">
            <link rel="alternate" hreflang="ru-RU" href="/ru/thoi-su/uborka-risa-a1001.html">
            <link rel="alternate" hreflang="zh-Hans" href="https://baosonghau.example.vn/cn/a1001.html">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            """, "");

        Assert.That(article.Alternates, Is.EqualTo(new[]
        {
            new EditionLink("ru", new Uri("https://baosonghau.example.vn/ru/thoi-su/uborka-risa-a1001.html")),
            new EditionLink("zh", new Uri("https://baosonghau.example.vn/cn/a1001.html")),
        }));
    }

    [Test]
    public void Extract_LanguageSwitch_TakesArticleLinksNamedInTheirOwnLanguage_NotALanguagesHomePage()
    {
        ExtractedArticle article = Extract("", """
            <header><nav class="lang">
              <a href="/ru/thoi-su/uborka-risa-a1001.html">Русский</a>
              <a href="/en/">English</a>
              <a href="https://th.baosonghau.example.vn/">ไทย</a>
              <a hreflang="uk" href="/uk/novyny/zbyrannia-rysu-a1001.html">UA</a>
              <a href="/thoi-su/">Thời sự</a>
            </nav></header>
            """);

        Assert.That(article.Alternates.Select(a => $"{a.Language} {a.Url.AbsolutePath}"), Is.EquivalentTo(new[]
        {
            "ru /ru/thoi-su/uborka-risa-a1001.html",
            "uk /uk/novyny/zbyrannia-rysu-a1001.html",
        }));
    }

    [Test]
    public void Extract_PageLinkingFiftyLanguagesBeforeRussian_KeepsTwelveWithRussianAmongThem()
    {
        string links = string.Concat(Enumerable.Range(0, 50).Select(i => $"<link rel=\"alternate\" hreflang=\"{(char)('a' + (i / 26))}{(char)('a' + (i % 26))}\" href=\"/l{i}/a1001.html\">"))
            + "<link rel=\"alternate\" hreflang=\"ru\" href=\"/ru/a1001.html\">";

        ExtractedArticle article = Extract(links, "");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Alternates, Has.Length.EqualTo(12));
            Assert.That(article.Alternates.Select(a => a.Language), Does.Contain("ru"), "a long list cannot push out a record language");
        }
    }

    private static ExtractedArticle Extract(string head, string header)
    {
        string html = $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>t</title>{head}</head><body>{header}{Body}</body></html>";
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason);
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }
}
