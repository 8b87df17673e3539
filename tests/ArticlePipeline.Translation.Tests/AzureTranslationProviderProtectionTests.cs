using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

/// <summary>URLs, e-mail addresses and numbers with units survive translation byte for byte; bylines are never sent.</summary>
[TestFixture]
public sealed class AzureTranslationProviderProtectionTests
{
    private const string Paragraph =
        "Xem https://baoangiang.com.vn/tin?id=5&p=2, viết cho toasoan@baoangiang.com.vn; năng suất đạt 6,5 tấn/ha & giá tăng 30%.";

    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(
        TestTranslator.Key, new LoopbackTranslatorOptions { UpperCaseTranslations = true });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateAsync_ParagraphWithUrlEmailAndUnits_KeepsThemAndTranslatesTheRest()
    {
        var source = new LanguageContent("Tiêu đề bài báo", null, [new ContentBlock(BlockKind.Paragraph, Paragraph)]);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        string uk = result.Languages["uk"].Blocks[0].Text;
        Assert.Multiple(() =>
        {
            Assert.That(uk, Is.EqualTo(TranslationAssert.Expected(Paragraph, "uk", upperCase: true)));
            Assert.That(uk, Does.StartWith("[ук] ХЕМ https://"), "translated in the target's script");
            Assert.That(uk, Does.Contain("https://baoangiang.com.vn/tin?id=5&p=2").And.Contain("toasoan@baoangiang.com.vn")
                .And.Contain("6,5 ").And.Contain("30%").And.Not.Contain("tấn/ha"));
            Assert.That(uk, Does.Not.Contain("&amp;").And.Not.Contain("<span"), "entities decoded, spans removed");
            Assert.That(result.Languages["th"].Title, Is.EqualTo(TranslationAssert.Expected("Tiêu đề bài báo", "th", upperCase: true)), "the title goes along as HTML at no extra cost");
        });
    }

    [Test]
    public async Task TranslateAsync_ProtectedParagraph_SentAsHtmlAndBilledWithItsMarkup()
    {
        var source = new LanguageContent("Tiêu đề bài báo", null, [new ContentBlock(BlockKind.Paragraph, Paragraph)]);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        LoopbackTranslatorRequest request = _server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.QueryValues("textType"), Is.EqualTo(new[] { "html" }));
            Assert.That(request.Texts[1], Is.EqualTo(
                "Xem <span class=notranslate>https://baoangiang.com.vn/tin?id=5&amp;p=2</span>, viết cho "
                + "<span class=notranslate>toasoan@baoangiang.com.vn</span>; năng suất đạt <span class=notranslate>6,5</span> tấn/ha "
                + "&amp; giá tăng <span class=notranslate>30</span>%."));

            // Documented cost: source + 31 per span (4 spans) + 4 per '&' (2), per language; the title costs its length.
            Assert.That(result.BilledCharacters, Is.EqualTo(("Tiêu đề bài báo".Length + Paragraph.Length + (31 * 4) + (4 * 2)) * 4L));
        });
    }

    [Test]
    public async Task TranslateAsync_PlainArticle_PlainTextBilledExactlySourceTimesLanguages()
    {
        LanguageContent source = Articles.CreatePlain(25);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Single().QueryValues("textType"), Is.Empty, "plain text, the default");
            Assert.That(result.BilledCharacters, Is.EqualTo(Articles.Characters(source) * 4));
            Assert.That(result.Languages["ro"].Blocks[3].Text, Is.EqualTo(TranslationAssert.Expected(source.Blocks[3].Text, "ro", upperCase: true)));
        });
    }

    [Test]
    public async Task TranslateAsync_AmpersandTextBesideProtectedOnes_GoesAsPlainTextInASecondRequest()
    {
        var source = new LanguageContent("Giá tăng 30%", null, [new ContentBlock(BlockKind.Paragraph, "Tom & Jerry <3")]);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", ["uk"]);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.QueryValues("textType").Count), Is.EquivalentTo(new[] { 0, 1 }));
            Assert.That(result.Languages["uk"].Blocks[0].Text, Is.EqualTo("[ук] ТОМ & ЙЕРРИ <3"));
            Assert.That(result.Languages["uk"].Title, Is.EqualTo(TranslationAssert.Expected("Giá tăng 30%", "uk", upperCase: true)));
            Assert.That(result.BilledCharacters, Is.EqualTo("Tom & Jerry <3".Length + "Giá tăng 30%".Length + 31));
        });
    }

    [Test]
    public async Task TranslateAsync_ExtractedArticleWithByline_TheAuthorNeverReachesTheService()
    {
        var article = new ExtractedArticle(
            "Nông dân Tân Hậu thu hoạch lúa hè thu sớm, năng suất gần 6,5 tấn/ha",
            "Lúa hè thu được mùa.",
            [new ContentBlock(BlockKind.Paragraph, "Theo Phòng Nông nghiệp huyện, năng suất đạt cao.")],
            ["Minh Đức"],
            null,
            "Báo An Giang",
            null,
            [],
            [],
            [],
            "vi",
            "profile",
            null);

        await Provider().TranslateAsync(RecordBuilder.OriginalContent(article), "vi", Targets);

        Assert.That(_server.Requests.Select(r => r.Body), Has.None.Contains("Minh Đức").And.None.Contains("Minh \\u0110\\u1EE9c"));
    }

    private AzureTranslationProvider Provider() => new(TestTranslator.CreateClient(_server.Endpoint));
}
