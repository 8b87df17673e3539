using AngleSharp.Html.Parser;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Extraction.Tests;

/// <summary>The six pages of the offline sample newspaper in <c>samples/site/tin-tuc</c> (see its README).</summary>
[TestFixture]
public sealed class SamplePageTests
{
    // Boilerplate every sample page carries around its article.
    private static readonly string[] Furniture =
        ["Bình luận", "Tin liên quan", "Cùng chuyên mục", "Chia sẻ", "Quảng cáo", "Đăng ký nhận bản tin", "Đọc nhiều", "Từ khóa", "Thứ Bảy, 28/06/2025"];

    // The related, same-category and most-read lists: their headlines and summaries are never article text.
    private const string ListSelectors =
        ".box-related a, .tin-lien-quan .title a, .box-cungchuyenmuc h4 a, .box-cungchuyenmuc .summary, .box-docnhieu li a";

    private static readonly SamplePage[] Pages =
    [
        new(
            "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html",
            Title: "Nông dân Tân Hậu thu hoạch lúa hè thu sớm, năng suất gần 6,5 tấn/ha",
            Lead: "Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh lũ.",
            First: "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay",
            Last: "Sau khi thu hoạch, ngành nông nghiệp khuyến cáo nông dân không đốt rơm rạ",
            Authors: ["Minh Đức"],
            Date: new DateOnly(2025, 6, 23), Time: new TimeOnly(7, 30)), // "Thứ Hai, 23/06/2025 07:30"
        new(
            "my-loi-chu-dong-ung-pho-lu-san-sang-di-doi-hon-1200-ho-dan-a1002.html",
            Title: "Mỹ Lợi chủ động ứng phó lũ, sẵn sàng di dời hơn 1.200 hộ dân khi cần thiết",
            Lead: "Trước dự báo mùa lũ năm 2025 có thể đến sớm và ở mức xấp xỉ báo động 2",
            First: "Chiều 23/6, Ban Chỉ huy Phòng thủ dân sự huyện Mỹ Lợi",
            Last: "Năm 2024, nhờ chuẩn bị tốt nên mùa lũ trên địa bàn huyện",
            Authors: ["Ngọc Lan", "Thanh Tùng"], // "Ngọc Lan - Thanh Tùng"
            Date: new DateOnly(2025, 6, 23), Time: new TimeOnly(16, 10)), // "23/06/2025 - 16:10"
        new(
            "khoi-cong-nang-cap-duong-tinh-919d-noi-tan-hau-voi-my-loi-a1003.html",
            Title: "Khởi công nâng cấp đường tỉnh 919D nối Tân Hậu với Mỹ Lợi",
            Lead: "Sáng 24/6, UBND tỉnh tổ chức lễ khởi công dự án nâng cấp, mở rộng đường tỉnh 919D",
            First: "Dự án do Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
            Last: "Phát biểu tại lễ khởi công, Phó Chủ tịch UBND tỉnh Đỗ Thanh Hải",
            Authors: ["PV"],
            Date: new DateOnly(2025, 6, 24), Time: new TimeOnly(15, 5)), // "Thứ Ba, 24/06/2025 | 15:05"
        new(
            "ra-quan-diet-lang-quang-chu-dong-phong-chong-sot-xuat-huyet-mua-mua-a1004.html",
            Title: "Ra quân diệt lăng quăng, chủ động phòng chống sốt xuất huyết mùa mưa",
            Lead: "Trước diễn biến gia tăng của bệnh sốt xuất huyết trong những tuần gần đây",
            First: "Sáng 25/6, Sở Y tế phối hợp với UBND thành phố Tân Hậu",
            Last: "Người dân khi có biểu hiện sốt cao liên tục",
            Authors: [], // "Theo TTXVN" credits an agency (issue 14): a credit, not an author
            Date: new DateOnly(2025, 6, 25), Time: null), // "25-6-2025", no time on the page
        new(
            "khai-mac-le-hoi-trai-cay-my-loi-lan-thu-iii-nam-2025-a1005.html",
            Title: "Khai mạc Lễ hội Trái cây Mỹ Lợi lần thứ III năm 2025",
            Lead: "Tối 25/6, tại quảng trường trung tâm huyện Mỹ Lợi, Lễ hội Trái cây lần thứ III",
            First: "Lễ hội năm nay có chủ đề “Mỹ Lợi – Miền trái ngọt”",
            Last: "Ông Trương Minh Khoa, Chủ tịch UBND huyện Mỹ Lợi",
            Authors: ["Bảo Trân"],
            Date: new DateOnly(2025, 6, 26), Time: new TimeOnly(9, 45)), // "Thứ Năm, ngày 26/06/2025 - 09:45"
        new(
            "khanh-thanh-diem-truong-moi-hon-400-hoc-sinh-vung-ven-song-co-phong-hoc-kien-co-a1006.html",
            Title: "Khánh thành điểm trường mới, hơn 400 học sinh vùng ven sông có phòng học kiên cố",
            Lead: "Ngày 26/6, huyện Tân Hậu tổ chức lễ khánh thành và bàn giao điểm trường Long Thạnh B",
            First: "Điểm trường mới được xây dựng trên diện tích gần 6.000 m²",
            Last: "Nhân dịp này, các nhà hảo tâm và doanh nghiệp trên địa bàn",
            Authors: ["Hoàng Phúc"],
            Date: new DateOnly(2025, 6, 27), Time: new TimeOnly(8, 15)), // "27/06/2025 08:15 GMT+7"
    ];

    private static IEnumerable<TestCaseData> SamplePages() =>
        Pages.Select(p => new TestCaseData(p).SetArgDisplayNames(p.File[^10..^5]));

    [TestCaseSource(nameof(SamplePages))]
    public void Extract_SamplePage_ReadsTitleLeadAndBody(SamplePage page)
    {
        ExtractedArticle article = Extract(page);
        ContentBlock[] paragraphs = [.. article.Blocks.Where(b => b.Kind == BlockKind.Paragraph)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Title, Is.EqualTo(page.Title));
            Assert.That(article.Lead, Does.StartWith(page.Lead));
            Assert.That(paragraphs, Is.Not.Empty);
            Assert.That(paragraphs[0].Text, Does.StartWith(page.First));
            Assert.That(paragraphs[^1].Text, Does.StartWith(page.Last));
            Assert.That(article.Language, Is.EqualTo(Languages.Vietnamese));
        }
    }

    [TestCaseSource(nameof(SamplePages))]
    public void Extract_SamplePage_MovesTheBylineToAuthors(SamplePage page)
    {
        ExtractedArticle article = Extract(page);
        string byline = string.Join(" - ", page.Authors);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.EqualTo(page.Authors));
            Assert.That(article.Blocks.Select(b => b.Text), Has.None.EqualTo(byline));
        }
    }

    [TestCaseSource(nameof(SamplePages))]
    public void Extract_SamplePage_ReadsThePublicationDateAsWritten(SamplePage page)
    {
        DateTimeOffset? published = Extract(page).PublishedAt;

        Assert.That(published, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(published!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(7)));
            Assert.That(DateOnly.FromDateTime(published.Value.DateTime), Is.EqualTo(page.Date), "not the crawl day in the top bar");
            if (page.Time is { } time)
            {
                Assert.That(TimeOnly.FromDateTime(published.Value.DateTime), Is.EqualTo(time));
            }
        }
    }

    [TestCaseSource(nameof(SamplePages))]
    public void Extract_SamplePage_KeepsNoBoilerplateNorRelatedHeadlines(SamplePage page)
    {
        ExtractedArticle article = Extract(page);
        string[] headlines = RelatedHeadlines(page);

        Assert.That(headlines, Has.Length.GreaterThanOrEqualTo(5), "the page's related lists were found");
        using (Assert.EnterMultipleScope())
        {
            foreach (ContentBlock block in article.Blocks)
            {
                foreach (string furniture in Furniture)
                {
                    Assert.That(block.Text, Does.Not.Contain(furniture));
                }

                foreach (string headline in headlines)
                {
                    Assert.That(block.Text, Does.Not.Contain(headline));
                }
            }
        }
    }

    [TestCaseSource(nameof(SamplePages))]
    public void Extract_SamplePage_RepeatsNeitherTitleNorLeadInTheBlocks(SamplePage page)
    {
        ExtractedArticle article = Extract(page);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Lead, Is.Not.Null.And.Not.Empty);
            Assert.That(article.Blocks.Select(b => b.Text), Has.None.Contains(article.Lead));
            Assert.That(article.Blocks.Select(b => b.Text), Has.None.EqualTo(article.Title));
            Assert.That(article.Blocks.Select(b => b.Text), Has.None.StartsWith(page.Lead));
        }
    }

    [Test]
    public void Extract_ParagraphsSplitOnlyByDoubleBreak_AreTwoBlocks()
    {
        ExtractedArticle article = Extract(Pages[4]);
        string[] texts = [.. article.Blocks.Select(b => b.Text)];
        int tuyen = Array.FindIndex(texts, t => t.StartsWith("Bà Huỳnh Thị Mộng Tuyền", StringComparison.Ordinal));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tuyen, Is.GreaterThanOrEqualTo(0));
            Assert.That(texts[tuyen], Does.EndWith("bà Tuyền chia sẻ."));
            Assert.That(texts[tuyen + 1], Does.StartWith("Trong khuôn khổ lễ hội còn diễn ra hội thi trái cây ngon"));
        }
    }

    [Test]
    public void Extract_SamplePageWithLazyTableImage_KeepsImageAndCaption()
    {
        ExtractedArticle article = Extract(Pages[2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Images.Select(i => i.Url), Has.Member(new Uri(SampleFolder(), "../img/khoi-cong-duong-tinh-919d.jpg").AbsoluteUri));
            Assert.That(article.Images.Select(i => i.Url), Has.None.StartsWith("data:"));
            Assert.That(article.Blocks, Has.Some.EqualTo(new ContentBlock(BlockKind.FigureCaption, "Đại biểu thực hiện nghi thức khởi công dự án nâng cấp đường tỉnh 919D. Ảnh: PV")));
            Assert.That(article.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text), Is.EqualTo(new[] { "Giải tỏa điểm nghẽn giao thương", "Sớm hoàn thành bàn giao mặt bằng" }));
        }
    }

    [Test]
    public void Extract_SamplePageWithList_KeepsListItemsInOrder()
    {
        ExtractedArticle article = Extract(Pages[1]);

        Assert.That(
            article.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text[..20]),
            Is.EqualTo(new[] { "Hoàn thành gia cố cá", "Rà soát, lập danh sá", "Chuẩn bị đủ bao cát,", "Tổ chức điểm giữ trẻ" }));
    }

    [Test]
    public void Extract_SamplePageWithBlockquote_KeepsTheQuote()
    {
        ExtractedArticle article = Extract(Pages[3]);

        Assert.That(article.Blocks.Where(b => b.Kind == BlockKind.Quote).Select(b => b.Text), Has.One.StartsWith("“Hiện bệnh sốt xuất huyết chưa có thuốc điều trị đặc hiệu"));
    }

    [Test]
    public void Extract_StrayHtmlCloseBeforeHead_StillReadsMetaTags()
    {
        ExtractedArticle article = Extract(Pages[2]);

        Assert.That(article.Publisher, Is.EqualTo("Báo Sông Hậu"));
    }

    private static Uri SampleFolder() => new(Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc") + Path.DirectorySeparatorChar);

    private static string PathOf(SamplePage page) => Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", page.File);

    private static ExtractedArticle Extract(SamplePage page)
    {
        string path = PathOf(page);
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(new Uri(path), File.ReadAllBytes(path), "text/html; charset=utf-8"));
        Assert.That(outcome.Article, Is.Not.Null, $"no article in {page.File}: {outcome.Reason}");
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }

    private static string[] RelatedHeadlines(SamplePage page)
    {
        using var document = new HtmlParser().ParseDocument(File.ReadAllText(PathOf(page)));
        return [.. document.QuerySelectorAll(ListSelectors)
            .Select(e => TextNormalizer.Normalize(e.TextContent))
            .Where(t => t.Length > 0 && t != page.Title)
            .Distinct()];
    }

    /// <summary>What one sample page must yield; dates as the page writes them, in Vietnam time.</summary>
    public sealed record SamplePage(string File, string Title, string Lead, string First, string Last, string[] Authors, DateOnly Date, TimeOnly? Time)
    {
        /// <inheritdoc />
        public override string ToString() => File;
    }
}
