using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Credits;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 14: authors are people only. Agencies (<c>Theo TTXVN</c>, <c>(VTC News) -</c>), source lines, photo
/// credits and translators are credits of their kind; the site's own name is neither. Pages written for the test
/// after the layouts of Vietnamese, Ukrainian and Romanian news sites.
/// </summary>
[TestFixture]
public sealed class Issue14CreditsTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm để tránh lũ";

    private const string Lead = "(VTC News) - Vụ lúa hè thu năm nay được mùa, được giá, nông dân huyện Tân Hậu phấn khởi thu hoạch sớm hơn mọi năm.";

    private static readonly string[] Paragraphs =
    [
        "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.",
        "Có mặt tại cánh đồng ấp Phước Lợi, xã Tân Hòa Đông vào sáng 22/6, chúng tôi ghi nhận không khí thu hoạch khẩn trương, thương lái đứng chờ sẵn.",
        "Ông Nguyễn Văn Hai, một nông dân trong ấp cho biết, năm nay lúa ít sâu bệnh, năng suất đạt khoảng 7 tấn mỗi héc-ta, giá bán cũng cao hơn năm trước.",
    ];

    private static readonly Uri PageUrl = new("https://baodautu.vn/nong-dan-tan-hau-thu-hoach-lua-d1001.html");

    [Test]
    public void Extract_PageWithEveryKindOfCredit_AuthorsHoldOnlyThePerson()
    {
        ExtractedArticle article = Extract(CreditedPage());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.EqualTo(new[] { "Quang Minh" }));
            Assert.That(article.Credits, Is.EquivalentTo(new[]
            {
                new Credit("VTC News", CreditKind.Agency),
                new Credit("Minh Đức", CreditKind.Photo),
                new Credit("Báo Tin tức", CreditKind.Source),
                new Credit("Hà Thu", CreditKind.Translator),
                new Credit("TTXVN", CreditKind.Agency),
            }));
        }
    }

    [Test]
    public void Extract_AgencyPrefixOfTheLead_StaysAtItsStartAndIsNoParagraph()
    {
        ExtractedArticle article = Extract(CreditedPage());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Lead, Does.StartWith("(VTC News) - Vụ lúa hè thu"));
            Assert.That(article.Blocks.Select(b => b.Text), Has.None.StartWith("(VTC News)"));
        }
    }

    [Test]
    public void Extract_CreditLines_LeaveTheBodyAndThePhotoCreditStaysInItsCaption()
    {
        ExtractedArticle article = Extract(CreditedPage());
        string[] texts = [.. article.Blocks.Select(b => b.Text)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts.Where(t => t is "Theo TTXVN" or "Nguồn: Báo Tin tức" or "Dịch: Hà Thu" or "Quang Minh"), Is.Empty);
            Assert.That(texts, Has.Some.EqualTo("Nông dân ấp Phước Lợi thu hoạch lúa. (Ảnh: Minh Đức)"));
            Assert.That(article.Images.Single().Caption, Is.EqualTo("Nông dân ấp Phước Lợi thu hoạch lúa. (Ảnh: Minh Đức)"));
            Assert.That(article.Images.Single().Credit, Is.EqualTo("Minh Đức"));
        }
    }

    [Test]
    public void Extract_PhotoCreditLineBetweenParagraphs_StaysAsTheCaptionAndIsAPhotoCredit()
    {
        string html = Page($"<article><p>{Paragraphs[0]}</p><p><img src=\"/img/lua.jpg\"></p><p>Ảnh: Minh Đức</p><p>{Paragraphs[1]}</p><p>{Paragraphs[2]}</p></article>");

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Blocks.Select(b => (b.Kind, b.Text)), Has.Some.EqualTo((BlockKind.FigureCaption, "Ảnh: Minh Đức")));
            Assert.That(article.Credits, Is.EqualTo(new[] { new Credit("Minh Đức", CreditKind.Photo) }));
            Assert.That(article.Authors, Is.Empty);
        }
    }

    [TestCase("<p style=\"text-align: right;\"><strong>Quang Minh - TTXVN</strong></p>", "TTXVN")]
    [TestCase("<p style=\"text-align: right;\"><strong>Quang Minh, Reuters</strong></p>", "Reuters")]
    [TestCase("<p style=\"text-align: right;\">Quang Minh (theo Tuổi Trẻ)</p>", "Tuổi Trẻ")]
    public void Extract_TrailingBylineNamingAPersonAndAnAgency_SplitsThem(string byline, string agency)
    {
        ExtractedArticle article = Extract(Page($"<article>{Ps(Paragraphs)}{byline}</article>"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.EqualTo(new[] { "Quang Minh" }));
            Assert.That(article.Credits, Is.EqualTo(new[] { new Credit(agency, CreditKind.Agency) }));
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
        }
    }

    [Test]
    public void Extract_SiteNameOnAnotherSubdomain_IsDroppedAndAnotherOutletsDomainIsACredit()
    {
        string html = Page($"<article>{Ps(Paragraphs)}<p>Theo VnExpress.net</p><p>Theo Baodautu.vn</p></article>");

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(new Uri("https://m.baodautu.vn/a-d1.html"), Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        ExtractedArticle article = new ArticleNormalizer().Normalize(outcome.Article!);

        Assert.That(article.Credits, Is.EqualTo(new[] { new Credit("VnExpress.net", CreditKind.Agency) }));
    }

    [TestCase("<div class=\"author\">baodautu.vn</div>", "")]
    [TestCase("<div class=\"author\">Báo Đầu tư</div>", "")]
    [TestCase("", "<meta name=\"author\" content=\"Báo Đầu Tư\">")]
    public void Extract_SiteNameAsTheOnlyByline_IsNeitherAuthorNorCredit(string byline, string head)
    {
        string html = Page($"<article>{byline}{Ps(Paragraphs)}</article>", "<meta property=\"og:site_name\" content=\"Báo Đầu tư\">" + head);

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.Empty);
            Assert.That(article.Credits, Is.Empty);
        }
    }

    [Test]
    public void Extract_AnotherOutletInTheMetadataAuthor_IsAnAgencyCredit()
    {
        string html = Page($"<article>{Ps(Paragraphs)}</article>", "<meta name=\"author\" content=\"Reuters\">");

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.Empty);
            Assert.That(article.Credits, Is.EqualTo(new[] { new Credit("Reuters", CreditKind.Agency) }));
        }
    }

    [Test]
    public void Extract_PlainTextWithCredits_AuthorIsThePersonAndTheLinesAreCredits()
    {
        string text = string.Join('\n',
            "Київ посилить протиповітряну оборону до зими",
            "Уряд ухвалив рішення про додаткове фінансування систем протиповітряної оборони для столиці та області.",
            "За словами міністра, перші комплекси прибудуть уже наприкінці жовтня, а решта до кінця року.",
            "Фінансування передбачене в резервному фонді державного бюджету на поточний рік.",
            "Олена Коваль",
            "Фото: Укрінформ",
            "Переклад: Ірина Бондар",
            "Джерело: https://example.ua/news/ppo-kyiv-123.html");

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(new Uri("https://example.ua/a.txt"), Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8"));
        ExtractedArticle article = new ArticleNormalizer().Normalize(outcome.Article!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Authors, Is.EqualTo(new[] { "Олена Коваль" }));
            Assert.That(article.Credits, Is.EquivalentTo(new[]
            {
                new Credit("Укрінформ", CreditKind.Photo),
                new Credit("Ірина Бондар", CreditKind.Translator),
                new Credit("https://example.ua/news/ppo-kyiv-123.html", CreditKind.Source),
            }));
            Assert.That(article.SourceLinks, Is.EqualTo(new[] { "https://example.ua/news/ppo-kyiv-123.html" }));
            Assert.That(article.Language, Is.EqualTo(Languages.Ukrainian));
        }
    }

    [TestCase("TTXVN")]
    [TestCase("AFP")]
    [TestCase("AP")]
    [TestCase("Reuters")]
    [TestCase("VnExpress.net")]
    [TestCase("Báo Tuổi Trẻ")]
    [TestCase("Tạp chí Cộng sản")]
    [TestCase("Агентство Укрінформ")]
    [TestCase("Agenția Agerpres")]
    public void IsOutlet_OutletShapedName_IsTrue(string name)
    {
        Assert.That(CreditNames.IsOutlet(name, BoilerplateLexicon.Default), Is.True);
    }

    [TestCase("Minh Đức")]
    [TestCase("MAI QUẾ")]
    [TestCase("H.A")]
    [TestCase("PV")]
    [TestCase("Bác sĩ Nguyễn Trung Cấp")]
    [TestCase("Олена Коваль")]
    [TestCase("Jane Doe")]
    public void IsOutlet_PersonOrStaffDesignation_IsFalse(string name)
    {
        Assert.That(CreditNames.IsOutlet(name, BoilerplateLexicon.Default), Is.False);
    }

    [Test]
    public void Normalize_UndeterminedText_StaysUndeterminedWhileTextWithoutLettersKeepsTheVietnameseDefault()
    {
        var normalizer = new ArticleNormalizer();
        ExtractedArticle mixed = Article("Переговоры продолжатся в среду, сообщили официальные лица. Negotiations will continue on Wednesday, officials said.");
        ExtractedArticle digits = Article("2025 - 06 / 23 ... 123 456 789");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(normalizer.Normalize(mixed).Language, Is.EqualTo(Languages.Undetermined));
            Assert.That(normalizer.Normalize(mixed).Blocks, Has.Length.EqualTo(1), "an und page keeps its text");
            Assert.That(normalizer.Normalize(digits).Language, Is.EqualTo(Languages.Vietnamese));
        }
    }

    private static ExtractedArticle Article(string text) =>
        new(string.Empty, null, [new ContentBlock(BlockKind.Paragraph, text)], [], null, null, null, [], [], [], null, "generic", null);

    // Every kind of credit around three paragraphs of a page on baodautu.vn.
    private static string CreditedPage() => Page(
        "<article>" +
        "<div class=\"author\">baodautu.vn</div>" +
        $"<div class=\"sapo\">{Lead}</div>" +
        $"<p>{Paragraphs[0]}</p>" +
        "<figure><img src=\"/img/lua.jpg\"><figcaption>Nông dân ấp Phước Lợi thu hoạch lúa. (Ảnh: Minh Đức)</figcaption></figure>" +
        $"<p>{Paragraphs[1]}</p><p>{Paragraphs[2]}</p>" +
        "<p>Nguồn: Báo Tin tức</p>" +
        "<p>Dịch: Hà Thu</p>" +
        "<p style=\"text-align: right;\"><strong>Quang Minh</strong></p>" +
        "<p>Theo TTXVN</p>" +
        "</article>",
        "<meta property=\"og:site_name\" content=\"Báo Đầu tư\">");

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
