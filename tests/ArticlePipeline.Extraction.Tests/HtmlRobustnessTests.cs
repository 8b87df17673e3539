using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Extraction.Tests;

[TestFixture]
public sealed class HtmlRobustnessTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private const string First =
        "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.";

    private const string Second =
        "Có mặt tại cánh đồng ấp Phước Lợi, xã Tân Hòa Đông vào sáng 22/6, chúng tôi ghi nhận không khí thu hoạch khẩn trương, thương lái đứng chờ sẵn.";

    private static readonly Uri PageUrl = new("https://baosonghau.example.vn/tin-tuc/lua-he-thu-a1001.html");

    static HtmlRobustnessTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Test]
    public void Extract_Windows1258BytesWithCharsetHeader_DecodeToVietnamese()
    {
        // The page's meta tag names another code page: the Content-Type header wins.
        byte[] body = EncodeWindows1258(Page($"<p>{First}</p><p>{Second}</p>").Replace("<head>", "<head><meta charset=\"windows-1252\">", StringComparison.Ordinal));

        ExtractedArticle article = Extract(body, "text/html; charset=windows-1258");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(System.Text.Unicode.Utf8.IsValid(body), Is.False, "the bytes are windows-1258, not UTF-8");
            Assert.That(article.Title, Is.EqualTo(Title));
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(new[] { First, Second }));
        }
    }

    [Test]
    public void Extract_Utf8WithBomAndNoCharset_DecodesAsUtf8()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Page($"<p>{First}</p><p>{Second}</p>"))];

        ExtractedArticle article = Extract(body, "text/html");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Title, Is.EqualTo(Title));
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(new[] { First, Second }));
        }
    }

    [Test]
    public void Extract_Utf8WithBomAndWrongCharsetHeader_TrustsTheBom()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Page($"<p>{First}</p><p>{Second}</p>"))];

        ExtractedArticle article = Extract(body, "text/html; charset=windows-1258");

        Assert.That(article.Title, Is.EqualTo(Title));
    }

    [Test]
    public void Extract_StrayHtmlCloseBeforeHead_StillFindsTheArticle()
    {
        string html = "<!DOCTYPE html><html lang=\"vi\"></html><head><meta charset=\"utf-8\"><title>x</title></head><body>" +
            $"<article><h1>{Title}</h1><div class=\"content\"><p>{First}</p><p>{Second}</div></article>" +
            "<div class=\"box-comment\"><span>Bình luận (0)</span></div></body></html>";

        ExtractedArticle article = Extract(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Title, Is.EqualTo(Title));
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(new[] { First, Second }));
        }
    }

    [Test]
    public void Extract_DoubleBreak_SplitsParagraphs()
    {
        ExtractedArticle article = Extract(Html($"<div class=\"content\">{First}<br><br>{Second}</div>"), "text/html");

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(new[] { First, Second }));
    }

    [Test]
    public void Extract_SingleBreak_KeepsOneParagraph()
    {
        ExtractedArticle article = Extract(Html($"<div class=\"content\"><p>{First}<br>{Second}</p></div>"), "text/html");

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(new[] { First + " " + Second }));
    }

    [Test]
    public void Extract_LazyImage_UsesDataSrcNotThePlaceholder()
    {
        const string placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
        ExtractedArticle article = Extract(
            Html($"<div class=\"content\"><p>{First}</p><p><img class=\"lazy\" data-src=\"/img/lua.jpg\" src=\"{placeholder}\"></p><p>{Second}</p></div>"),
            "text/html");

        Assert.That(article.Images.Select(i => i.Url), Is.EqualTo(new[] { "https://baosonghau.example.vn/img/lua.jpg" }));
    }

    [Test]
    public void Extract_FigureWithCaption_KeepsImageCaptionAndCaptionBlock()
    {
        ExtractedArticle article = Extract(
            Html($"<div class=\"content\"><p>{First}</p><figure><img src=\"../img/a.jpg\"><figcaption>Máy gặt đập liên hợp. Ảnh: Minh Đức</figcaption></figure><p>{Second}</p></div>"),
            "text/html");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Images, Is.EqualTo(new[] { new ArticleImage("https://baosonghau.example.vn/img/a.jpg", "Máy gặt đập liên hợp. Ảnh: Minh Đức") { Credit = "Minh Đức" } }));
            Assert.That(article.Blocks.Select(b => b.Kind), Is.EqualTo(new[] { BlockKind.Paragraph, BlockKind.FigureCaption, BlockKind.Paragraph }));
        }
    }

    [Test]
    public void Extract_JsonLdAuthor_IsTheAuthor()
    {
        string html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"author\":[{\"@type\":\"Person\",\"name\":\"Quang Minh\"}]}</script></head>" +
            $"<body><article><h1>{Title}</h1><div class=\"content\"><p>{First}</p><p>{Second}</p></div></article></body></html>";

        ExtractedArticle article = Extract(Encoding.UTF8.GetBytes(html), "text/html");

        Assert.That(article.Authors, Is.EqualTo(new[] { "Quang Minh" }));
    }

    [Test]
    public void Extract_AuthorEndingWithTheOutletInParenthesis_IsThePersonWithTheOutletCredited()
    {
        string html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"author\":[{\"@type\":\"Person\",\"name\":\"Quang Minh (theo Healthline)\"}]}</script></head>" +
            $"<body><article><h1>{Title}</h1><div class=\"content\"><p>{First}</p><p>{Second}</p></div></article></body></html>";

        ExtractedArticle article = Extract(Encoding.UTF8.GetBytes(html), "text/html");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.EqualTo(new[] { "Quang Minh" }));
            Assert.That(article.Credits, Is.EqualTo(new[] { new Credit("Healthline", CreditKind.Agency) }), "issue 14: the outlet is a credit");
        }
    }

    [Test]
    public void Extract_EmptyBody_IsNotFound()
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, ReadOnlyMemory<byte>.Empty, "text/html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Article, Is.Null);
            Assert.That(outcome.Reason, Is.EqualTo("empty-page"));
        }
    }

    [TestCase("<html><body></body></html>")]
    [TestCase("<html><head><title>Trang chủ</title></head><body><nav><a href=\"/a\">Thời sự</a><a href=\"/b\">Kinh tế</a></nav></body></html>")]
    [TestCase("   ")]
    public void Extract_PageWithoutArticleText_IsNotFound(string html)
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, Encoding.UTF8.GetBytes(html), "text/html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Article, Is.Null);
            Assert.That(outcome.Reason, Is.EqualTo("not-an-article"));
        }
    }

    [Test]
    public void Extract_PlainTextWithOnlyFurniture_IsNotFound()
    {
        byte[] body = Encoding.UTF8.GetBytes("Vietnam.vn - Nền tảng quảng bá Việt Nam\n\nBình luận (0)\nNo data\n");

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, body, "text/plain; charset=utf-8"));

        Assert.That(outcome.Reason, Is.EqualTo("not-an-article"));
    }

    [Test]
    public void Extract_DevCorpusPages_NeverThrowAndYieldTitleAndBody()
    {
        string folder = SharedData.Require("corpus", "vi-news", "dev");

        string[] files = Directory.GetFiles(folder!, "*.html");
        Assert.That(files, Has.Length.EqualTo(9));
        using (Assert.EnterMultipleScope())
        {
            foreach (string file in files)
            {
                string name = Path.GetFileName(file);
                ExtractionOutcome? outcome = null;
                Assert.That(() => outcome = new ArticleExtractor().Extract(new PageContent(new Uri(file), File.ReadAllBytes(file), null)), Throws.Nothing, name);
                ExtractedArticle? article = outcome?.Article is { } found ? new ArticleNormalizer().Normalize(found) : null;
                Assert.That(article, Is.Not.Null, $"{name}: {outcome?.Reason}");
                Assert.That(article?.Title, Is.Not.Null.And.Not.Empty, name);
                Assert.That(article?.Blocks.Length, Is.GreaterThanOrEqualTo(3), name);
                Assert.That(article?.Language, Is.EqualTo(Languages.Vietnamese), name);
            }
        }
    }

    private static string Page(string content) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><title>{Title} - Báo Sông Hậu</title></head><body>" +
        $"<article class=\"article-detail\"><h1>{Title}</h1><div class=\"content-fck\">{content}</div></article></body></html>";

    private static byte[] Html(string body) =>
        Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><title>{Title}</title></head><body><article><h1>{Title}</h1>{body}</article></body></html>");

    private static ExtractedArticle Extract(byte[] body, string contentType)
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, body, contentType));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason);
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }

    // windows-1258 has precomposed letters for the vowels with circumflex, breve and horn, and combining marks for
    // the five tones: a letter the code page lacks is written as its base letter followed by the tone mark.
    private static byte[] EncodeWindows1258(string text)
    {
        Encoding cp1258 = Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var output = new List<byte>();
        foreach (string element in Elements(text))
        {
            try
            {
                output.AddRange(cp1258.GetBytes(element));
            }
            catch (EncoderFallbackException)
            {
                string decomposed = element.Normalize(NormalizationForm.FormD);
                string tones = new([.. decomposed.Where(IsTone)]);
                string baseLetter = new string([.. decomposed.Where(c => !IsTone(c))]).Normalize(NormalizationForm.FormC);
                output.AddRange(cp1258.GetBytes(baseLetter + tones));
            }
        }

        return [.. output];

        static bool IsTone(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

        static IEnumerable<string> Elements(string s)
        {
            TextElementEnumerator e = StringInfo.GetTextElementEnumerator(s);
            while (e.MoveNext())
            {
                yield return e.GetTextElement();
            }
        }
    }
}
