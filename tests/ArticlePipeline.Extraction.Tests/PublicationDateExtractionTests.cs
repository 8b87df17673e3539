using System.Text;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Tests;

/// <summary>Issue 11, "Dates": the publication date of whole pages, as meta tags, JSON-LD and date lines give it.</summary>
[TestFixture]
public sealed class PublicationDateExtractionTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private const string Body =
        "<p>Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.</p>" +
        "<p>Có mặt tại cánh đồng ấp Phước Lợi, xã Tân Hòa Đông, chúng tôi ghi nhận không khí thu hoạch khẩn trương, thương lái đứng chờ sẵn.</p>";

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Test]
    public void Extract_MetaDateWrittenDayFirst_IsTheFifthOfJune()
    {
        ExtractedArticle article = Extract("""<meta property="article:published_time" content="05/06/2025 07:30:00">""", string.Empty);

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 5, 7, 30, 0, Vietnam)));
    }

    [Test]
    public void Extract_JsonLdDateWithHourOnlyOffset_IsThatInstant()
    {
        ExtractedArticle article = Extract(
            """<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2025-06-23T07:30:00+07"}</script>""",
            string.Empty);

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam)));
    }

    [Test]
    public void Extract_MetaDateInGmt_IsKeptAndShownInVietnamTime()
    {
        ExtractedArticle article = Extract("""<meta name="pubdate" content="Mon, 23 Jun 2025 00:30:00 GMT">""", string.Empty);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam)));
            Assert.That(article.PublishedAt?.Offset, Is.EqualTo(Vietnam));
        }
    }

    [Test]
    public void Extract_UpdateTimeShownBeforeThePublicationTime_GivesThePublicationTime()
    {
        ExtractedArticle article = Extract(
            string.Empty,
            """<div class="date-update">Cập nhật: 10:15, 01/02/2025</div><div class="date-publish">Đăng: 08:00, 31/01/2025</div>""");

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 1, 31, 8, 0, 0, Vietnam)));
    }

    [Test]
    public void Extract_OnlyAnUpdateTime_IsUsedRatherThanNothing()
    {
        ExtractedArticle article = Extract(string.Empty, """<div class="date-update">Cập nhật: 10:15, 01/02/2025</div>""");

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 2, 1, 10, 15, 0, Vietnam)));
    }

    [TestCase("07:30:45 23/06/2025", 2025, 6, 23, 7, 30, 45)]
    [TestCase("Ngày 5 tháng 3 năm 2024", 2024, 3, 5, 0, 0, 0)]
    public void Extract_DateLineNearTheTitle_IsRead(string line, int year, int month, int day, int hour, int minute, int second)
    {
        ExtractedArticle article = Extract(string.Empty, $"""<span class="post-date">{line}</span>""");

        Assert.That(article.PublishedAt, Is.EqualTo(new DateTimeOffset(year, month, day, hour, minute, second, Vietnam)));
    }

    private static ExtractedArticle Extract(string head, string dateLine)
    {
        string html = $"<!DOCTYPE html><html lang=\"vi\"><head><title>{Title}</title>{head}</head><body>" +
            $"<article class=\"article-detail\"><h1>{Title}</h1>{dateLine}<div class=\"content-fck\">{Body}</div></article></body></html>";
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html"), Encoding.UTF8.GetBytes(html), "text/html"));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason);
        return outcome.Article!;
    }
}
