using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Decoding;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 10, item 10: a header charset no longer beats valid UTF-8 bytes, a few invalid bytes no longer flip a UTF-8
/// page to windows-1258, binary bodies fail as <c>not-text</c>, and a page without readable text is not an article.
/// </summary>
[TestFixture]
public sealed class Issue10CharsetAndNonTextTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private const string First =
        "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.";

    private const string Second =
        "Có mặt tại cánh đồng ấp Phước Lợi, xã Tân Hòa Đông vào sáng 22/6, chúng tôi ghi nhận không khí thu hoạch khẩn trương, thương lái đứng chờ sẵn.";

    private static readonly Uri PageUrl = new("https://baosonghau.example.vn/tin-tuc/lua-he-thu-a1001.html");

    [TestCase("text/html; charset=windows-1250")]
    [TestCase("text/html; charset=iso-8859-2")]
    [TestCase("text/html; charset=windows-1258")]
    [TestCase("text/html; charset=windows-1252")]
    public void Extract_Utf8BytesUnderAnotherHeaderCharset_AreReadAsUtf8(string contentType)
    {
        ExtractedArticle article = Article(Encoding.UTF8.GetBytes(Page()), contentType);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Title, Is.EqualTo(Title));
            Assert.That(article.Language, Is.EqualTo("vi"), "mojibake was detected as Romanian");
        }
    }

    [Test]
    public void Extract_Utf8WithTwoInvalidBytes_StaysUtf8WithReplacementCharacters()
    {
        byte[] page = Encoding.UTF8.GetBytes(Page());
        int second = Encoding.UTF8.GetByteCount(Page()[..Page().IndexOf(Second, StringComparison.Ordinal)]);
        byte[] broken = [.. page[..second], 0xFF, .. page[second..^40], 0xC3, .. page[^40..]];

        ExtractedArticle article = Article(broken, "text/html; charset=utf-8");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(System.Text.Unicode.Utf8.IsValid(broken), Is.False);
            Assert.That(article.Title, Is.EqualTo(Title), "not read as windows-1258");
            Assert.That(article.Blocks.Select(b => b.Text.Replace("\uFFFD", string.Empty, StringComparison.Ordinal)), Is.EqualTo(new[] { First, Second }));
            Assert.That(article.Blocks.Sum(b => b.Text.Count(c => c == '\uFFFD')), Is.EqualTo(2), "each invalid byte is one replacement character");
            Assert.That(article.Language, Is.EqualTo("vi"));
        }
    }

    [Test]
    public void Extract_Windows1258UnderAWrongUtf8Header_IsStillReadAsWindows1258()
    {
        ExtractedArticle article = Article(SiteContent.Windows1258(Page()), "text/html; charset=utf-8");

        Assert.That(article.Title, Is.EqualTo(Title));
    }

    [Test]
    public void Extract_Utf16UnderItsHeaderCharset_IsText()
    {
        ExtractedArticle article = Article(Encoding.Unicode.GetBytes(Page()), "text/html; charset=utf-16");

        Assert.That(article.Title, Is.EqualTo(Title));
    }

    [TestCase(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 }, "an ELF executable")]
    [TestCase(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "a PDF document")]
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "a PNG image")]
    [TestCase(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0 }, "a ZIP archive (or an Office document)")]
    public void Extract_KnownBinarySignatureServedAsHtml_IsNotText(byte[] magic, string what)
    {
        byte[] body = [.. magic, .. Encoding.UTF8.GetBytes(Page())];

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, body, "text/html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("not-text"));
            Assert.That(outcome.Detail, Does.Contain(what));
        }
    }

    [TestCase("text/html")]
    [TestCase("text/plain")]
    public void Extract_RandomBytes_AreNotText(string contentType)
    {
        byte[] noise = new byte[100_000];
        new Random(7).NextBytes(noise);

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, noise, contentType));

        Assert.That(outcome.Reason, Is.EqualTo("not-text"));
    }

    [Test]
    public void Extract_RandomBytesWithoutNul_AreNotText()
    {
        byte[] noise = new byte[100_000];
        new Random(8).NextBytes(noise);
        noise.AsSpan().Replace((byte)0, (byte)1);

        Assert.That(ContentSniffer.NotText(noise, "text/html"), Is.EqualTo("binary data (control bytes)"));
    }

    [Test]
    public void Extract_PageWithAStrayControlByte_IsStillText()
    {
        byte[] body = Encoding.UTF8.GetBytes(Page().Replace("ha,", "ha,\u000B", StringComparison.Ordinal));

        Assert.That(Article(body, "text/html").Title, Is.EqualTo(Title));
    }

    [TestCase("text/html")]
    [TestCase("text/plain")]
    public void Extract_FiveMegabytesOfOneLetter_IsNotAnArticle(string contentType)
    {
        byte[] letters = new byte[5 * 1024 * 1024];
        letters.AsSpan().Fill((byte)'a');

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, letters, contentType));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Article, Is.Null);
            Assert.That(outcome.Reason, Is.EqualTo("not-an-article"));
        }
    }

    private static string Page() =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><title>{Title}</title></head><body><article><h1>{Title}</h1>" +
        $"<div class=\"content-fck\"><p>{First}</p><p>{Second}</p></div></article></body></html>";

    private static ExtractedArticle Article(byte[] body, string contentType)
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, body, contentType));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason + ": " + outcome.Detail);
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }
}
