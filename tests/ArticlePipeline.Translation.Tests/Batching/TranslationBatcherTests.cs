using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Translation.Batching;

namespace ArticlePipeline.Translation.Tests.Batching;

[TestFixture]
public sealed class TranslationBatcherTests
{
    [Test]
    public void Plan_SixtyShortTextsForFourTargets_FitInOneBatch()
    {
        string[] texts = [.. Enumerable.Range(0, 60).Select(i => Articles.Text(150, i))];

        TranslationPlan plan = TranslationBatcher.Plan(texts, 4, TranslationLimits.Azure);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Batches, Has.Length.EqualTo(1));
            Assert.That(plan.Batches[0].Select(p => p.Text), Is.EqualTo(texts));
            Assert.That(plan.PieceCounts, Is.All.EqualTo(1));
        });
    }

    [Test]
    public void Plan_CharactersAcrossTargets_StartANewBatchAt50000()
    {
        // 4 targets: 12,500 source characters per request. Five texts of 3,000 fill one request with four (12,000).
        string[] texts = [.. Enumerable.Repeat(new string('a', 3_000), 5)];

        TranslationPlan plan = TranslationBatcher.Plan(texts, 4, TranslationLimits.Azure);

        Assert.That(plan.Batches.Select(b => b.Length), Is.EqualTo(new[] { 4, 1 }));
    }

    [Test]
    public void Plan_EmptyAndWhitespaceTexts_AreNotSent()
    {
        string?[] texts = ["Một.", "", null, " \t\n", "Hai."];

        TranslationPlan plan = TranslationBatcher.Plan(texts, 2, TranslationLimits.Azure);

        Assert.Multiple(() =>
        {
            Assert.That(plan.PieceCounts, Is.EqualTo(new[] { 1, 0, 0, 0, 1 }));
            Assert.That(plan.Batches.Single().Select(p => (p.SourceIndex, p.Text)), Is.EqualTo(new[] { (0, "Một."), (4, "Hai.") }));
        });
    }

    [Test]
    public void Plan_OnlyBlankTexts_PlansNoRequest()
    {
        TranslationPlan plan = TranslationBatcher.Plan(["", "  "], 4, TranslationLimits.Azure);

        Assert.That(plan.Batches, Is.Empty);
    }

    [Test]
    public void Plan_TextLongerThanOneRequest_IsSplitIntoPiecesThatFit()
    {
        string text = Articles.Text(60_000);

        TranslationPlan plan = TranslationBatcher.Plan([text], 4, TranslationLimits.Azure);

        TextPiece[] pieces = [.. plan.Batches.SelectMany(b => b)];
        Assert.Multiple(() =>
        {
            Assert.That(plan.PieceCounts[0], Is.EqualTo(pieces.Length).And.GreaterThanOrEqualTo(5));
            Assert.That(pieces.Select(p => p.PieceIndex), Is.EqualTo(Enumerable.Range(0, pieces.Length)));
            Assert.That(pieces, Has.All.Matches<TextPiece>(p => p.Text.Length <= 12_500));
            Assert.That(string.Join(' ', pieces.Select(p => p.Text)), Is.EqualTo(text));
        });
    }

    [Test]
    public void Plan_OneTarget_AllowsElementsUpTo50000()
    {
        string text = new('x', 50_000);

        TranslationPlan plan = TranslationBatcher.Plan([text], 1, TranslationLimits.Azure);

        Assert.That(plan.Batches.Single().Single().Text, Is.SameAs(text));
    }

    [Test]
    public void Plan_TooManyTargetsForAnyText_Throws()
    {
        Assert.That(() => TranslationBatcher.Plan(["a"], 30_000, TranslationLimits.Azure), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Plan_RandomInputs_RespectTheLimitsAndKeepEveryTextInOrder()
    {
        var random = new Random(20250623);
        var limits = new TranslationLimits(MaxElements: 7, MaxCharacters: 600, MaxElementCharacters: 250);
        for (int round = 0; round < 500; round++)
        {
            int targets = random.Next(1, 6);
            string?[] texts = [.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => RandomText(random, random.Next(0, 700)))];

            TranslationPlan plan = TranslationBatcher.Plan(texts, targets, limits);

            string context = $"round {round}, {targets} targets";
            int maxPiece = Math.Min(250, 600 / targets);
            Assert.That(plan.Batches, Has.All.Matches<ImmutableArray<TextPiece>>(b => b.Length is > 0 and <= 7), context);
            Assert.That(plan.Batches, Has.All.Matches<ImmutableArray<TextPiece>>(b => b.Sum(p => p.Text.Length) * targets <= 600), context);
            TextPiece[] pieces = [.. plan.Batches.SelectMany(b => b)];
            Assert.That(pieces, Has.All.Matches<TextPiece>(p => p.Text.Length <= maxPiece && !string.IsNullOrWhiteSpace(p.Text)), context);
            Assert.That(
                pieces.Where(p => texts[p.SourceIndex]!.Length > maxPiece),
                Has.All.Matches<TextPiece>(p => p.Text.Trim().Length == p.Text.Length),
                context + ": cut pieces are trimmed where cut");
            Assert.That(
                pieces.Where(p => texts[p.SourceIndex]!.Length <= maxPiece),
                Has.All.Matches<TextPiece>(p => p.Text == texts[p.SourceIndex]),
                context + ": a text that fits is sent unchanged");
            Assert.That(pieces, Has.None.Matches<TextPiece>(p => char.IsHighSurrogate(p.Text[^1]) || char.IsLowSurrogate(p.Text[0])), context);
            Assert.That(pieces, Is.Ordered.By(nameof(TextPiece.SourceIndex)).Then.By(nameof(TextPiece.PieceIndex)), context);

            for (int i = 0; i < texts.Length; i++)
            {
                string[] own = [.. pieces.Where(p => p.SourceIndex == i).Select(p => p.Text)];
                Assert.That(own, Has.Length.EqualTo(plan.PieceCounts[i]), context);
                if (string.IsNullOrWhiteSpace(texts[i]))
                {
                    Assert.That(own, Is.Empty, context);
                }
                else
                {
                    // Nothing lost or reordered: the pieces are the text with whitespace runs at the cuts removed.
                    Assert.That(Squeeze(string.Concat(own)), Is.EqualTo(Squeeze(texts[i]!)), context);
                }
            }
        }
    }

    [Test]
    public void Split_PrefersTheLastSentenceEndThatFits()
    {
        string text = "Câu thứ nhất. Câu thứ hai dài hơn một chút! Câu ba? Câu bốn kết thúc.";

        IReadOnlyList<string> pieces = TranslationBatcher.Split(text, 50);

        Assert.That(pieces, Is.EqualTo(new[] { "Câu thứ nhất. Câu thứ hai dài hơn một chút!", "Câu ba? Câu bốn kết thúc." }));
    }

    [Test]
    public void Split_SentenceEndInsideClosingQuote_CountsAsBoundary()
    {
        string text = "Ông nói: \"Chúng tôi sẽ làm.\" Sau đó mọi người ra về trong vui vẻ.";

        IReadOnlyList<string> pieces = TranslationBatcher.Split(text, 40);

        Assert.That(pieces[0], Is.EqualTo("Ông nói: \"Chúng tôi sẽ làm.\""));
    }

    [Test]
    public void Split_WithoutSentenceEnds_CutsAtWhitespace()
    {
        string text = "một hai ba bốn năm sáu bảy tám chín mười";

        IReadOnlyList<string> pieces = TranslationBatcher.Split(text, 12);

        Assert.Multiple(() =>
        {
            Assert.That(pieces, Has.All.Length.LessThanOrEqualTo(12));
            Assert.That(string.Join(' ', pieces), Is.EqualTo(text));
            Assert.That(pieces[0], Is.EqualTo("một hai ba"));
        });
    }

    [Test]
    public void Split_WithoutWhitespace_CutsHardButNeverInsideASurrogatePair()
    {
        string text = string.Concat(Enumerable.Repeat("ab😀", 10));

        IReadOnlyList<string> pieces = TranslationBatcher.Split(text, 3);

        Assert.Multiple(() =>
        {
            Assert.That(pieces, Has.All.Length.LessThanOrEqualTo(3));
            Assert.That(string.Concat(pieces), Is.EqualTo(text));
            Assert.That(pieces, Has.None.Matches<string>(p => char.IsHighSurrogate(p[^1])));
        });
    }

    [Test]
    public void Split_ShortText_IsReturnedTrimmedAsOnePiece()
    {
        Assert.That(TranslationBatcher.Split("  Xin chào.  ", 100), Is.EqualTo(new[] { "Xin chào." }));
    }

    private static string RandomText(Random random, int length)
    {
        if (random.Next(8) == 0)
        {
            return random.Next(2) == 0 ? string.Empty : "  \n ";
        }

        const string alphabet = "abcdefghđươăâêôáàảãạ ... !? \"\n";
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            int pick = random.Next(alphabet.Length + 2);
            if (pick == alphabet.Length)
            {
                text.Append("😀");
            }
            else if (pick == alphabet.Length + 1)
            {
                text.Append(". ");
            }
            else
            {
                text.Append(alphabet[pick]);
            }
        }

        return text.ToString();
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
