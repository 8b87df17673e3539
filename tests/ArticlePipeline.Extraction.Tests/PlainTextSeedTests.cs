using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Extraction.Tests;

/// <summary>The five plain-text seeds in <c>../shared/seeds</c>, pages copied as text with their site furniture.</summary>
[TestFixture]
public sealed class PlainTextSeedTests
{
    // Lines no seed's article may keep: counters, related headings, fillers and mottos of the copied pages.
    private static readonly string[] Furniture =
    [
        "Коментар (0)", "Комментарий (0)", "Comentariu (0)", "การแสดงความคิดเห็น (0)", "Bình luận",
        "Та же тема", "Та же категория", "Тот же автор", "หัวข้อเดียวกัน", "หมวดหมู่เดียวกัน", "ผู้เขียนเดียวกัน",
        "No data", "No videos available", "Vietnam.vn - Nền tảng", "Độc lập - Tự do", "![]()",
        "Джерело:", "Источник", "Sursă:", "ที่มา:",
    ];

    // Headings after which only the related-news lists of the copied page follow.
    private static readonly string[] RelatedHeadings = ["Та же тема", "หัวข้อเดียวกัน"];

    private static readonly SeedCase[] Cases =
    [
        new(
            "000", "uk", Byline: null,
            Source: "https://baobackan.vn/so-ket-cong-tac-tuyen-giao-va-dan-van-6-thang-nam-2025-post71588.html",
            First: "За перші 6 місяців 2025 року робота з пропаганди",
            Last: "Конференція з огляду пропагандистської та масової мобілізаційної роботи",
            Related: []),
        new(
            "001", "ru", Byline: "Минь Дык",
            Source: "https://baoquangtri.vn/day-manh-chuyen-doi-so-trong-cong-tac-tuyen-giao-dan-van-tu-tinh-den-co-so-191784.htm",
            First: "Сегодня днем, 18 февраля, заместитель секретаря",
            Last: "Необходимо продолжать проводить успешную этническую и религиозную работу",
            Related:
            [
                "Реконструкция праздника середины осени династии Ли в императорской цитадели Тханглонг",
                "Западные туристы с удовольствием покупают игрушки к Празднику середины осени",
                "Улица Ханг Ма сверкает красками середины осени",
                "Историческое послание: деревянные таблички пагоды Виньнгием",
                "Наследство", "Бизнес", "Текущие события", "Политическая система", "Продукт",
            ])
        {
            Title = "Содействие цифровой трансформации в пропагандистской и мобилизационной работе на уровне провинций и низовых органов",
            Publisher = "Việt Nam",
            Date = new DateOnly(2025, 2, 18),
        },
        new(
            "002", "ru", Byline: "Дием Мой",
            Source: null,
            First: "За последний год массовая мобилизационная работа",
            Last: "Завершая и развертывая ключевые задачи в 2024 году",
            Related: []),
        new(
            "003", "ro", Byline: "Thanh Phuc",
            Source: "https://baotuyenquang.com.vn/thoi-su-chinh-tri/202512/tap-huan-chuyen-sau-ve-tuyen-giao-dan-van-va-chuyen-doi-so-3035204/",
            First: "Conferința s-a concentrat pe abordarea unor teme cheie",
            Last: "Conferința își propune să îmbunătățească calificările",
            Related: []),
        new(
            "004", "th", Byline: "ซื่อสัตย์", // the author's name, translated with the page: a short line above the source line
            Source: "https://baoangiang.com.vn/doi-moi-nang-cao-hieu-qua-cong-tac-dan-van-a423044.html",
            First: "ในระยะหลังนี้ คณะกรรมการพรรคและหน่วยงานทุกระดับ",
            Last: "นายเหงียน ฮู หง็อก รองหัวหน้าฝ่ายโฆษณาชวนเชื่อ",
            Related:
            [
                "สรุปการฝึกซ้อม A80: ความแข็งแกร่งของเวียดนามเปล่งประกายภายใต้ค่ำคืนแห่งเมืองหลวงพันปี",
                "จราจรในฮานอยโกลาหลหลังฝนตกหนัก คนขับทิ้งรถบนถนนที่ถูกน้ำท่วม",
                "ช่วงเวลาอันน่าประทับใจของการจัดขบวนบินขณะปฏิบัติหน้าที่ในพิธียิ่งใหญ่ A80",
                "เครื่องบินทหารกว่า 30 ลำแสดงการบินครั้งแรกที่จัตุรัสบาดิ่ญ",
                "มรดก", "ธุรกิจ", "ระบบการเมือง", "ผลิตภัณฑ์",
            ])
        {
            Title = "นวัตกรรมเพิ่มประสิทธิภาพการทำงานระดมมวลชน",
            Publisher = "Báo An Giang",
            Date = new DateOnly(2025, 6, 23),
        },
    ];

    private static IEnumerable<TestCaseData> Seeds() =>
        Cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Prefix));

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_DropsCountersHeadingsFillersAndRelatedNews(SeedCase seed)
    {
        ExtractedArticle article = ExtractSeed(seed, out _);

        using (Assert.EnterMultipleScope())
        {
            foreach (string text in Texts(article))
            {
                foreach (string furniture in Furniture)
                {
                    Assert.That(text, Does.Not.Contain(furniture), $"furniture '{furniture}' kept");
                }

                foreach (string headline in seed.Related)
                {
                    // Long headlines must not appear anywhere; short menu words must not be a block of their own.
                    if (headline.Length > 20)
                    {
                        Assert.That(text, Does.Not.Contain(headline), "related-news headline kept");
                    }
                    else
                    {
                        Assert.That(text, Is.Not.EqualTo(headline), "related-news menu item kept");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_DetectsTheLanguage(SeedCase seed)
    {
        Assert.That(ExtractSeed(seed, out _).Language, Is.EqualTo(seed.Language));
    }

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_RecordsTheSourceUrlAsSourceLink(SeedCase seed)
    {
        ExtractedArticle article = ExtractSeed(seed, out _);

        Assert.That(article.SourceLinks, seed.Source is null ? Is.Empty : Is.EqualTo(new[] { seed.Source }));
    }

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_MovesTheBylineToAuthors(SeedCase seed)
    {
        ExtractedArticle article = ExtractSeed(seed, out _);
        if (seed.Byline is null)
        {
            Assert.That(article.Authors, Is.Empty);
            return;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.EqualTo(new[] { seed.Byline }));
            Assert.That(Texts(article).Where(t => t.Contains(seed.Byline, StringComparison.Ordinal)), Is.Empty, "byline left in the text");
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_KeepsTheFirstAndLastParagraph(SeedCase seed)
    {
        ExtractedArticle article = ExtractSeed(seed, out _);
        string[] texts = [.. Texts(article)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Has.Some.StartsWith(seed.First));
            Assert.That(texts, Has.Some.StartsWith(seed.Last));
            Assert.That(article.Blocks.Last().Text, Does.StartWith(seed.Last), "the last paragraph ends the body");
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_KeepsEveryParagraphBeforeTheRelatedNews(SeedCase seed)
    {
        ExtractedArticle article = ExtractSeed(seed, out string[] lines);
        string[] texts = [.. Texts(article)];

        // Every long line of the seed above its related-news heading is article text and must survive whole.
        string[] paragraphs = [.. lines
            .Select(l => TextNormalizer.Normalize(l).Trim('|', ' '))
            .TakeWhile(l => !RelatedHeadings.Contains(l))
            .Where(l => l.Length >= 80 && !Furniture.Any(f => l.Contains(f, StringComparison.Ordinal)))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(paragraphs, Has.Length.GreaterThanOrEqualTo(3), "the seed has paragraphs");
            foreach (string paragraph in paragraphs)
            {
                Assert.That(texts, Has.Member(paragraph), $"paragraph dropped: {paragraph[..40]}…");
            }

            Assert.That(texts, Has.Length.EqualTo(paragraphs.Length + ShortContentLines(seed)), "texts kept besides the paragraphs");
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Extract_Seed_ReadsTitlePublisherAndDate(SeedCase seed)
    {
        ExtractedArticle article = ExtractSeed(seed, out _);

        using (Assert.EnterMultipleScope())
        {
            if (seed.Title is null)
            {
                // No title line: the title is the first sentence of the first paragraph, which stays in the body.
                Assert.That(article.Title, Is.Not.Empty);
                Assert.That(article.Title, Has.Length.LessThanOrEqualTo(121));
                Assert.That(article.Blocks.Any(b => b.Text.StartsWith(article.Title.TrimEnd('…'), StringComparison.Ordinal)), Is.True, "the title comes from a body paragraph");
            }
            else
            {
                Assert.That(article.Title, Is.EqualTo(seed.Title));
            }

            Assert.That(article.Publisher, Is.EqualTo(seed.Publisher));
            Assert.That(article.PublishedAt.HasValue ? DateOnly.FromDateTime(article.PublishedAt.Value.DateTime) : (DateOnly?)null, Is.EqualTo(seed.Date));
            if (article.PublishedAt is { } published)
            {
                Assert.That(published.Offset, Is.EqualTo(TimeSpan.FromHours(7)));
            }
        }
    }

    [Test]
    public void Extract_RomanianSeed_KeepsTableCaptionsAsFigureCaptions()
    {
        ExtractedArticle article = ExtractSeed(Cases.Single(c => c.Prefix == "003"), out _);

        Assert.That(
            article.Blocks.Where(b => b.Kind == BlockKind.FigureCaption).Select(b => b.Text),
            Is.EqualTo(new[]
            {
                "Delegații care participă la conferință.",
                "Liderii Departamentului de Propagandă și Mobilizare în Masă al Comitetului Provincial al Partidului au prezentat teme de instruire la conferință.",
            }));
    }

    // Short lines of article text (titles, subheadings, captions under 80 characters) each seed keeps besides its
    // paragraphs. Seeds without a title line count their derived title (the start of the first paragraph) here.
    private static int ShortContentLines(SeedCase seed) => seed.Prefix switch
    {
        "003" => 2, // the derived title and the first caption, "Delegații care participă la conferință."
        "004" => 2, // the title and the subheading "รูปลักษณ์ชนบทก็เจริญรุ่งเรืองมากขึ้น"
        "001" => 0,
        _ => 1, // the derived title
    };

    private static ExtractedArticle ExtractSeed(SeedCase seed, out string[] lines)
    {
        string folder = SharedData.Require("seeds");

        string[] files = Directory.GetFiles(folder, seed.Prefix + "_*.txt");
        Assert.That(files, Has.Length.EqualTo(1), $"one ../shared/seeds/{seed.Prefix}_*.txt");

        byte[] bytes = File.ReadAllBytes(files[0]);
        lines = File.ReadAllLines(files[0]);
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(new Uri(files[0]), bytes, "text/plain"));
        Assert.That(outcome.Article, Is.Not.Null, $"no article: {outcome.Reason}");
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }

    private static IEnumerable<string> Texts(ExtractedArticle article) =>
        new[] { article.Title, article.Lead ?? string.Empty }.Concat(article.Blocks.Select(b => b.Text)).Where(t => t.Length > 0);

    /// <summary>What one seed must yield.</summary>
    public sealed record SeedCase(string Prefix, string Language, string? Byline, string? Source, string First, string Last, string[] Related)
    {
        /// <summary>The title, for seeds that start with one.</summary>
        public string? Title { get; init; }

        /// <summary>The publisher of the seed's publisher/date line.</summary>
        public string? Publisher { get; init; }

        /// <summary>The date of the seed's publisher/date line.</summary>
        public DateOnly? Date { get; init; }

        /// <inheritdoc />
        public override string ToString() => Prefix;
    }
}
