using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Tests;

[TestFixture]
public sealed class RecordBuilderTests
{
    private static readonly SourceInfo Source = new("baosonghau", "Báo Sông Hậu", null, "baosonghau.example.vn");
    private static readonly DateTimeOffset FetchedAt = new(2025, 6, 23, 1, 0, 0, TimeSpan.Zero);

    [TestCase("vi", new[] { "uk", "ru", "ro", "th" })]
    [TestCase("ru", new[] { "vi", "uk", "ro", "th" })]
    [TestCase("th", new[] { "vi", "uk", "ru", "ro" })]
    [TestCase("en", new[] { "vi", "uk", "ru", "ro", "th" })]
    public void MissingLanguages_SourceLanguage_AreTheOtherRecordLanguagesInOrder(string source, string[] expected)
    {
        Assert.That(RecordBuilder.MissingLanguages(source), Is.EqualTo(expected));
    }

    [Test]
    public void Build_Article_IdComesFromTheCanonicalUrlAndOriginalIsItsLanguage()
    {
        ExtractedArticle article = Articles.Vietnamese() with { Language = "vi" };

        ArticleRecord record = RecordBuilder.Build(article, new Uri("https://baosonghau.example.vn/x"), Source, FetchedAt, new Dictionary<string, LanguageVersion>
        {
            ["th"] = LanguageVersion.Pending("later"),
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Url, Is.EqualTo("https://baosonghau.example.vn/tin-tuc/a1001.html"), "tracking parameters dropped");
            Assert.That(record.Id, Is.EqualTo(ArticleIds.FromUrl(new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html"))));
            Assert.That(record.Revision, Is.Zero);
            Assert.That(record.SourceLanguage, Is.EqualTo("vi"));
            Assert.That(record.Languages.Keys, Is.EqualTo(new[] { "vi", "th" }));
            Assert.That(record.Languages["vi"].Status, Is.EqualTo(TranslationStatus.Original));
            Assert.That(record.Languages["vi"].Content?.Title, Is.EqualTo(article.Title));
            Assert.That(record.Languages["vi"].Provenance?.Extractor, Is.EqualTo("generic"));
            Assert.That(record.ContentHash, Is.EqualTo(RecordBuilder.ContentHash(RecordBuilder.OriginalContent(article))));
        }
    }

    [TestCase("en")]
    [TestCase("fr")]
    [TestCase("zh")]
    [TestCase("km")]
    [TestCase("und")]
    public void Build_SourceOutsideTheFive_KeepsTheOriginalUnderItsLanguageBesideTheFiveTargets(string language)
    {
        ExtractedArticle article = Articles.Vietnamese() with { Language = language };
        var targets = RecordBuilder.MissingLanguages(language).ToDictionary(l => l, _ => LanguageVersion.Pending("later"));

        ArticleRecord record = RecordBuilder.Build(article, new Uri("https://baosonghau.example.vn/x"), Source, FetchedAt, targets);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.SourceLanguage, Is.EqualTo(language));
            Assert.That(record.Languages.Keys, Is.EqualTo(new[] { "vi", "uk", "ru", "ro", "th", language }), "the five in record order, then the source");
            Assert.That(record.Languages[language].Status, Is.EqualTo(TranslationStatus.Original));
            Assert.That(record.Languages[language].Content?.Blocks, Is.EqualTo(article.Blocks), "the text is kept, not dropped");
        }
    }

    [Test]
    public void Build_FetchedPage_KeepsTheFetchedUrlCreditsAndCaptureApartFromTheCanonicalUrl()
    {
        ExtractedArticle article = Articles.Vietnamese() with
        {
            Language = "vi",
            Credits = [new Credit("TTXVN", CreditKind.Agency)],
        };
        var capture = new PageCapture("warc/a.warc.gz", 0, 100, "sha1:" + new string('C', 32));
        var fetched = new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html?utm_source=rss");

        ArticleRecord record = RecordBuilder.Build(article, fetched, Source, FetchedAt, new Dictionary<string, LanguageVersion>(), capture: capture);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Url, Is.EqualTo("https://baosonghau.example.vn/tin-tuc/a1001.html"));
            Assert.That(record.FetchedUrl, Is.EqualTo(fetched.AbsoluteUri));
            Assert.That(record.Credits, Is.EqualTo(new[] { new Credit("TTXVN", CreditKind.Agency) }));
            Assert.That(record.Capture, Is.EqualTo(capture));
            Assert.That(record.SchemaVersion, Is.EqualTo(2));
        }
    }

    [Test]
    public void ContentHash_OneWordChanged_Differs()
    {
        LanguageContent a = RecordBuilder.OriginalContent(Articles.Vietnamese());
        LanguageContent b = RecordBuilder.OriginalContent(Articles.Vietnamese("Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu muộn để tránh lũ."));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RecordBuilder.ContentHash(a), Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(RecordBuilder.ContentHash(b), Is.Not.EqualTo(RecordBuilder.ContentHash(a)));
            Assert.That(RecordBuilder.ContentHash(RecordBuilder.OriginalContent(Articles.Vietnamese())), Is.EqualTo(RecordBuilder.ContentHash(a)));
        }
    }

    [Test]
    public void ContentHash_SameTextDifferentBlockKind_Differs()
    {
        LanguageContent paragraph = new("T", null, [new(BlockKind.Paragraph, "Một.")]);
        LanguageContent heading = new("T", null, [new(BlockKind.Heading, "Một.")]);

        Assert.That(RecordBuilder.ContentHash(heading), Is.Not.EqualTo(RecordBuilder.ContentHash(paragraph)));
    }
}
