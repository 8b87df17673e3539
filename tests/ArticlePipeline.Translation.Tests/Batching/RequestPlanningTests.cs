using ArticlePipeline.Translation.Batching;
using ArticlePipeline.Translation.Client;
using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation.Tests.Batching;

/// <summary><see cref="TranslationBatcher.PlanRequests"/>: several articles, two text types.</summary>
[TestFixture]
public sealed class RequestPlanningTests
{
    [Test]
    public void PlanRequests_FortyShortArticles_ShareOneRequest()
    {
        List<PlannedText> texts = [.. Enumerable.Range(0, 40).SelectMany(a => Article(a, Articles.PlainText(60, a), Articles.PlainText(200, a + 1)))];

        RequestPlan plan = TranslationBatcher.PlanRequests(texts, 4, TranslationLimits.Azure);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Requests, Has.Length.EqualTo(1));
            Assert.That(plan.Requests[0].TextType, Is.EqualTo(TextType.Plain));
            Assert.That(plan.Requests[0].Elements, Has.Length.EqualTo(80));
            Assert.That(plan.Requests[0].Elements.Select(e => (e.Article, e.SourceIndex)), Is.EqualTo(texts.Select(t => (t.Article, t.SourceIndex))));
        });
    }

    [Test]
    public void PlanRequests_ArticleThatFitsAnEmptyRequest_NeverStraddlesTwo()
    {
        // 5,000 characters each: two fit a request of 12,500 (× 4 targets), the third starts the next one.
        List<PlannedText> texts = [.. Enumerable.Range(0, 5).SelectMany(a => Article(a, [.. Enumerable.Range(0, 10).Select(i => Articles.PlainText(480, i))]))];

        RequestPlan plan = TranslationBatcher.PlanRequests(texts, 4, TranslationLimits.Azure);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Requests.Select(r => r.Elements.Select(e => e.Article).Distinct().Count()), Is.EqualTo(new[] { 2, 2, 1 }));
            Assert.That(plan.Requests.Select(r => r.Elements.Sum(e => e.Text.Length) * 4), Is.All.LessThanOrEqualTo(50_000));
            Assert.That(texts.GroupBy(t => t.Article).Select(a => plan.Requests.Count(r => r.Elements.Any(e => e.Article == a.Key))), Is.All.EqualTo(1));
        });
    }

    [Test]
    public void PlanRequests_NeutralTexts_FollowTheirArticle()
    {
        List<PlannedText> texts =
        [
            .. Article(0, "Tiêu đề", "Năng suất 6,5 tấn/ha."),
            .. Article(1, "Tiêu đề khác", "Một đoạn văn."),
        ];

        RequestPlan plan = TranslationBatcher.PlanRequests(texts, 4, TranslationLimits.Azure);

        PlannedRequest html = plan.Requests.Single(r => r.TextType == TextType.Html);
        PlannedRequest plain = plan.Requests.Single(r => r.TextType == TextType.Plain);
        Assert.Multiple(() =>
        {
            Assert.That(html.Elements.Select(e => e.Text), Is.EqualTo(new[] { "Tiêu đề", "Năng suất <span class=notranslate>6,5</span> tấn/ha." }));
            Assert.That(plain.Elements.Select(e => e.Text), Is.EqualTo(new[] { "Tiêu đề khác", "Một đoạn văn." }));
        });
    }

    [Test]
    public void PlanRequests_ProtectedAndPlainOnlyInOneArticle_TwoRequestsNoEscapingCost()
    {
        List<PlannedText> texts = [.. Article(0, "Tiêu đề", "Giá 30%.", "Tom & Jerry")];

        RequestPlan plan = TranslationBatcher.PlanRequests(texts, 4, TranslationLimits.Azure);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Requests, Has.Length.EqualTo(2));
            Assert.That(plan.Requests.Single(r => r.TextType == TextType.Plain).Elements.Single().Text, Is.EqualTo("Tom & Jerry"));
            Assert.That(plan.Requests.Single(r => r.TextType == TextType.Html).Elements.Select(e => e.SourceIndex), Is.EqualTo(new[] { 0, 1 }));
        });
    }

    [Test]
    public void PlanRequests_LongProtectedText_IsCutIntoHtmlPiecesThatFitAndRestoreToTheSource()
    {
        string text = string.Join(' ', Enumerable.Range(0, 900).Select(i => $"Lô {i % 7} đạt 6,5 tấn/ha và tăng 30% so với cùng kỳ."));
        Assume.That(text.Length, Is.GreaterThan(25_000));

        RequestPlan plan = TranslationBatcher.PlanRequests([new PlannedText(0, 2, text, TextProtector.Classify(text))], 4, TranslationLimits.Azure);

        TextPiece[] pieces = [.. plan.Requests.SelectMany(r => r.Elements)];
        Assert.Multiple(() =>
        {
            Assert.That(plan.Requests.Select(r => r.TextType), Is.All.EqualTo(TextType.Html));
            Assert.That(pieces, Has.All.Matches<TextPiece>(p => p.Text.Length <= 12_500));
            Assert.That(pieces.Select(p => p.PieceIndex), Is.EqualTo(Enumerable.Range(0, pieces.Length)));
            Assert.That(plan.PieceCounts[(0, 2)], Is.EqualTo(pieces.Length));
            Assert.That(string.Join(' ', pieces.Select(p => TextProtector.FromHtml(p.Text))), Is.EqualTo(text));
        });
    }

    [Test]
    public void PlanRequests_RandomArticles_RespectTheLimitsAndTheTextTypes()
    {
        var limits = new TranslationLimits(MaxElements: 9, MaxCharacters: 2_000, MaxElementCharacters: 2_000);
        string[] samples = ["Một đoạn văn.", "Giá 30%.", "Tom & Jerry", "Xem https://a.vn ngay.", Articles.PlainText(300), Articles.Text(700)];
        var random = new Random(11);
        for (int round = 0; round < 200; round++)
        {
            int targets = random.Next(1, 5);
            List<PlannedText> texts = [];
            for (int a = 0; a < random.Next(1, 12); a++)
            {
                texts.AddRange(Article(a, [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => samples[random.Next(samples.Length)])]));
            }

            RequestPlan plan = TranslationBatcher.PlanRequests(texts, targets, limits);

            string context = $"round {round}";
            Assert.That(plan.Requests, Has.All.Matches<PlannedRequest>(r => r.Elements.Length is > 0 and <= 9), context);
            Assert.That(plan.Requests, Has.All.Matches<PlannedRequest>(r => r.Elements.Sum(e => e.Text.Length) * targets <= 2_000), context);
            foreach (PlannedText text in texts)
            {
                TextPiece[] pieces = [.. plan.Requests.SelectMany(r => r.Elements).Where(e => e.Article == text.Article && e.SourceIndex == text.SourceIndex)];
                TextType[] types = [.. plan.Requests.Where(r => r.Elements.Any(e => e.Article == text.Article && e.SourceIndex == text.SourceIndex)).Select(r => r.TextType)];
                bool articleProtected = texts.Any(t => t.Article == text.Article && t.Kind == SegmentKind.Protected);
                TextType expected = text.Kind switch
                {
                    SegmentKind.Protected => TextType.Html,
                    SegmentKind.PlainOnly => TextType.Plain,
                    _ => articleProtected ? TextType.Html : TextType.Plain,
                };
                Assert.That(pieces.Select(p => p.PieceIndex), Is.EqualTo(Enumerable.Range(0, plan.PieceCounts[(text.Article, text.SourceIndex)])), context);
                Assert.That(types, Is.All.EqualTo(expected), context);
                string restored = string.Join(' ', pieces.Select(p => expected == TextType.Html ? TextProtector.FromHtml(p.Text) : p.Text));
                Assert.That(restored, Is.EqualTo(text.Text), context);
            }
        }
    }

    private static IEnumerable<PlannedText> Article(int article, params string[] texts) =>
        texts.Select((text, i) => new PlannedText(article, i, text, TextProtector.Classify(text)));
}
