using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Evaluation;

namespace ArticlePipeline.Extraction.Tests.Evaluation;

[TestFixture]
public sealed class GoldMatcherTests
{
    private static readonly GoldPage Gold = new(
        "baosonghau.vn__0001.html",
        Title: "Nông dân Tân Hậu thu hoạch lúa hè thu sớm",
        Lead: "Những ngày cuối tháng 6, nông dân",
        First: "Theo Phòng Nông nghiệp",
        Last: "Sau khi thu hoạch",
        Author: "Minh Đức",
        Date: new DateTimeOffset(2025, 6, 23, 7, 30, 12, TimeSpan.FromHours(7)),
        Junk: ["Tin liên quan", "Bình luận (0)"]);

    [Test]
    public void Score_MatchingArticle_PassesEveryCheck()
    {
        PageScore score = GoldMatcher.Score(Gold, Article());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Title, Is.True);
            Assert.That(score.Lead, Is.True);
            Assert.That(score.First, Is.True);
            Assert.That(score.Last, Is.True);
            Assert.That(score.Author, Is.True);
            Assert.That(score.Date, Is.True);
            Assert.That(score.Clean, Is.True);
            Assert.That(score.Extractor, Is.EqualTo("generic"));
        }
    }

    [Test]
    public void Score_DecomposedTextAndExtraSpaces_StillMatch()
    {
        string decomposed = "Theo  Phòng Nông\u00A0nghiệp tỉnh, vụ lúa".Normalize(System.Text.NormalizationForm.FormD);
        ExtractedArticle article = Article() with { Blocks = [new ContentBlock(BlockKind.Paragraph, decomposed), new ContentBlock(BlockKind.Paragraph, "Sau khi thu hoạch xong.")] };

        Assert.That(GoldMatcher.Score(Gold, article).First, Is.True);
    }

    [Test]
    public void Score_LeadInTheBody_FailsLeadAndFirst()
    {
        ExtractedArticle article = Article() with
        {
            Lead = null,
            Blocks = [new ContentBlock(BlockKind.Paragraph, "Những ngày cuối tháng 6, nông dân gặt lúa."), .. Article().Blocks],
        };

        PageScore score = GoldMatcher.Score(Gold, article);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Lead, Is.False);
            Assert.That(score.First, Is.False);
        }
    }

    [Test]
    public void Score_FirstAndLast_SkipHeadingsAndCaptions()
    {
        ExtractedArticle article = Article() with
        {
            Blocks =
            [
                new ContentBlock(BlockKind.FigureCaption, "Máy gặt trên đồng. Ảnh: Minh Đức"),
                new ContentBlock(BlockKind.Heading, "Được mùa"),
                .. Article().Blocks,
                new ContentBlock(BlockKind.FigureCaption, "Ảnh cuối"),
            ],
        };

        PageScore score = GoldMatcher.Score(Gold, article);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.First, Is.True);
            Assert.That(score.Last, Is.True);
        }
    }

    [Test]
    public void Score_JunkInTheBody_IsReportedAndNotClean()
    {
        ExtractedArticle article = Article() with { Blocks = [.. Article().Blocks, new ContentBlock(BlockKind.Heading, "Tin liên quan")] };

        PageScore score = GoldMatcher.Score(Gold, article);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.LeakedJunk, Is.EqualTo(new[] { "Tin liên quan" }));
            Assert.That(score.Clean, Is.False);
            Assert.That(score.Last, Is.True, "a heading is not the last paragraph");
        }
    }

    [Test]
    public void Score_NoArticle_FailsWhatApplies_AndSkipsWhatTheGoldLacks()
    {
        PageScore score = GoldMatcher.Score(Gold with { Author = null, Lead = null }, null, "not-an-article");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Extractor, Is.EqualTo("not-an-article"));
            Assert.That(score.Title, Is.False);
            Assert.That(score.Lead, Is.Null);
            Assert.That(score.First, Is.False);
            Assert.That(score.Author, Is.Null);
            Assert.That(score.Clean, Is.True);
        }
    }

    [TestCase("Minh Đức", true)]
    [TestCase("MINH ĐỨC", true)]
    [TestCase("Minh Đức (theo TTXVN)", true)]
    [TestCase("Minh Đứcc", false)]
    [TestCase("Ngọc Lan", false)]
    public void AuthorMatches_EqualOrFollowedByANonLetter(string author, bool expected)
    {
        Assert.That(GoldMatcher.AuthorMatches([author], "Minh Đức"), Is.EqualTo(expected));
    }

    [Test]
    public void DateMatches_WithinTheMinute_InAnyOffset()
    {
        DateTimeOffset gold = new(2025, 6, 23, 7, 30, 12, TimeSpan.FromHours(7));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(GoldMatcher.DateMatches(new DateTimeOffset(2025, 6, 23, 0, 30, 0, TimeSpan.Zero), gold), Is.True);
            Assert.That(GoldMatcher.DateMatches(new DateTimeOffset(2025, 6, 23, 7, 32, 0, TimeSpan.FromHours(7)), gold), Is.False);
            Assert.That(GoldMatcher.DateMatches(null, gold), Is.False);
        }
    }

    [Test]
    public void Summary_CountsOnlyApplicableChecks_AndPrintsTheClosingLine()
    {
        PageScore good = GoldMatcher.Score(Gold, Article());
        PageScore noAuthor = GoldMatcher.Score(Gold with { Author = null }, Article() with { Blocks = [] });

        GoldSummary summary = GoldSummary.Of([good, noAuthor]);

        Assert.That(summary.ToString(), Is.EqualTo("pages 2 title 100% first 50% last 50% author 100% date 100% clean 100%"));
    }

    [Test]
    public void ReadJsonLines_ReadsTheGoldFormat()
    {
        const string text = """
            {"file": "a.vn__1.html", "title": "T", "lead": null, "first": "F", "last": "L", "author": null, "date": "2023-06-30T14:50:06+07:00", "junk": ["x", "y"], "notes": "n"}

            {"file": "b.vn__2.html", "title": "U", "first": "G", "last": "M", "junk": []}
            """;

        IReadOnlyList<GoldPage> pages = GoldPage.ReadJsonLines(new StringReader(text));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages, Has.Count.EqualTo(2));
            Assert.That(pages[0].Date, Is.EqualTo(new DateTimeOffset(2023, 6, 30, 14, 50, 6, TimeSpan.FromHours(7))));
            Assert.That(pages[0].Junk, Is.EqualTo(new[] { "x", "y" }));
            Assert.That(pages[0].Lead, Is.Null);
            Assert.That(pages[1].Date, Is.Null);
        }
    }

    [Test]
    public void ReadJsonLines_LineWithoutFile_IsAFormatErrorNamingTheLine()
    {
        Assert.That(() => GoldPage.ReadJsonLines(new StringReader("{\"file\":\"a\"}\n{\"title\":\"x\"}")), Throws.InstanceOf<FormatException>().With.Message.Contains("line 2"));
    }

    [Test]
    public void HostOf_ReadsTheFileNameElseTheCanonicalLink()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ExtractionEvaluation.HostOf("www.baoangiang.com.vn__67d824ac.html", []), Is.EqualTo("baoangiang.com.vn"));
            Assert.That(ExtractionEvaluation.HostOf("page.html", "<link rel=\"canonical\" href=\"https://laodong.vn/x-1.ldo\">"u8), Is.EqualTo("laodong.vn"));
            Assert.That(ExtractionEvaluation.HostOf("page.html", "<p>no link</p>"u8), Is.Null);
        }
    }

    private static ExtractedArticle Article() => new(
        Title: "Nông dân Tân Hậu thu hoạch lúa hè thu sớm",
        Lead: "Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch.",
        Blocks:
        [
            new ContentBlock(BlockKind.Paragraph, "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay đạt."),
            new ContentBlock(BlockKind.Paragraph, "Sau khi thu hoạch, ngành nông nghiệp khuyến cáo nông dân."),
        ],
        Authors: ["Minh Đức"],
        PublishedAt: new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7)),
        Publisher: "Báo Sông Hậu",
        CanonicalUrl: null,
        Images: [],
        Tags: [],
        SourceLinks: ImmutableArray<string>.Empty,
        Language: "vi",
        Extractor: "generic",
        Profile: null);
}
