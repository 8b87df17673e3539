using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 15, the Vietnamese last mile: a trailing byline is the author, an agency credit opens the lead paragraph
/// and is recorded, a site's own name is never the author, and a month-first timestamp in a meta tag is read as one.
/// Pages written for the test after the layouts of Vietnamese news sites.
/// </summary>
[TestFixture]
public sealed class Issue15VietnameseLastMileTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private static readonly string[] Paragraphs =
    [
        "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.",
        "Có mặt tại cánh đồng ấp Phước Lợi, xã Tân Hòa Đông vào sáng 22/6, chúng tôi ghi nhận không khí thu hoạch khẩn trương, thương lái đứng chờ sẵn.",
        "Ông Nguyễn Văn Hai, một nông dân trong ấp cho biết, năm nay lúa ít sâu bệnh, năng suất đạt khoảng 7 tấn mỗi héc-ta, giá bán cũng cao hơn năm trước.",
    ];

    private static readonly Uri PageUrl = new("https://baodautu.vn/nong-dan-tan-hau-thu-hoach-lua-d1001.html");

    [TestCase("<p style=\"text-align: right;\">Hà Thu (tổng hợp)</p>")]
    [TestCase("<p><strong>Hà Thu (tổng hợp)</strong></p>")]
    public void Extract_RightAlignedOrBoldBylineAtTheEnd_IsTheAuthor(string byline)
    {
        ExtractedArticle article = Extract(Page($"<article>{Ps(Paragraphs)}{byline}</article>"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
            Assert.That(article.Authors, Does.Contain("Hà Thu (tổng hợp)"));
        }
    }

    [Test]
    public void Extract_AgencyCreditOnItsOwnLine_OpensTheFirstParagraphAndIsRecorded()
    {
        ExtractedArticle article = Extract(Page($"<article><p><strong>(VTC News) -</strong></p>{Ps(Paragraphs)}</article>"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(new[] { "(VTC News) - " + Paragraphs[0], Paragraphs[1], Paragraphs[2] }));
            Assert.That(article.Authors, Does.Not.Contain("VTC News"));
            Assert.That(article.Credits, Does.Contain(new Credit("VTC News", CreditKind.Agency)), "issue 14: an agency is a credit");
        }
    }

    [Test]
    public void Extract_AgencyCreditStartingTheLead_StaysAndIsRecorded()
    {
        string lead = "(Chinhphu.vn) - Vụ lúa hè thu năm nay được mùa, được giá, nông dân Tân Hậu phấn khởi thu hoạch sớm hơn mọi năm.";
        ExtractedArticle article = Extract(Page($"<article><div class=\"sapo\">{lead}</div>{Ps(Paragraphs)}</article>"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Lead, Is.EqualTo(lead));
            Assert.That(article.Authors, Does.Not.Contain("Chinhphu.vn"));
            Assert.That(article.Credits, Does.Contain(new Credit("Chinhphu.vn", CreditKind.Agency)), "issue 14: another outlet is a credit");
        }
    }

    [Test]
    public void Extract_SiteNameAsByline_IsNotAnAuthor()
    {
        string html = Page($"<article><div class=\"author\">baodautu.vn</div>{Ps(Paragraphs)}</article>", "<meta name=\"author\" content=\"baodautu.vn\">");

        ExtractedArticle article = Extract(html);

        Assert.That(article.Authors, Is.Empty);
    }

    [Test]
    public void Extract_MonthFirstTimestampInMeta_IsReadMonthFirst()
    {
        string html = Page($"<article>{Ps(Paragraphs)}</article>", "<meta property=\"article:published_time\" content=\"1/8/2026 10:02:01 AM\">");

        ExtractedArticle article = Extract(html);

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 8, 10, 2, 1, TimeSpan.FromHours(7))));
    }

    [Test]
    public void Extract_VisibleDateNearTheHeadlineWithoutMetadata_IsTheDate()
    {
        string html = Page($"<div class=\"detail-time\">Thứ Hai, 23/06/2025 07:30</div><article>{Ps(Paragraphs)}</article>");

        ExtractedArticle article = Extract(html);

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7))));
    }

    private static string Ps(IEnumerable<string> paragraphs) => string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));

    private static string Page(string content, string head = "") =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><title>{Title}</title>{head}</head><body><h1>{Title}</h1>{content}</body></html>";

    private static ExtractedArticle Extract(string html)
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason);
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }
}
