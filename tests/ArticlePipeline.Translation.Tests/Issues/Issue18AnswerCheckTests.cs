using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>
/// Issue 18, checks on what comes back: against the loopback Translator answering badly on demand, a failing answer is
/// sent once more, and a language whose second answer fails too is failed with the check's reason, never stored.
/// </summary>
[TestFixture]
public sealed class Issue18AnswerCheckTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    private static readonly LanguageContent Source = new(
        "Tỉnh An Giang tổng kết công tác phòng chống thiên tai năm 2025",
        null,
        [
            new ContentBlock(BlockKind.Paragraph, "Năm nay, năng suất lúa vụ đông xuân đạt 6,5 tấn/ha, cao hơn năm trước; chi tiết tại https://baoangiang.com.vn/tin-5.html."),
            new ContentBlock(BlockKind.Paragraph, "Ủy ban nhân dân tỉnh yêu cầu các địa phương chủ động ứng phó với mưa lũ trong những tháng cuối năm."),
        ]);

    [TestCase(LoopbackBadAnswer.WrongScript, "uk", "wrong script")]
    [TestCase(LoopbackBadAnswer.WrongScript, "ru", "wrong script")]
    [TestCase(LoopbackBadAnswer.WrongScript, "th", "wrong script")]
    [TestCase(LoopbackBadAnswer.WrongScript, "ro", "wrong script")]
    [TestCase(LoopbackBadAnswer.Truncated, "uk", "truncated")]
    [TestCase(LoopbackBadAnswer.Truncated, "th", "truncated")]
    [TestCase(LoopbackBadAnswer.Untranslated, "ru", "untranslated")]
    [TestCase(LoopbackBadAnswer.Untranslated, "ro", "untranslated")]
    [TestCase(LoopbackBadAnswer.DroppedSpans, "ro", "protected span not restored")]
    [TestCase(LoopbackBadAnswer.DroppedSpans, "uk", "protected span not restored")]
    public async Task TranslateAsync_BadAnswerTwice_LanguageFailsWithItsReasonAfterExactlyOneRetryAndNothingOfItIsStored(
        LoopbackBadAnswer kind, string language, string reason)
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = true });
        server.AnswerBadly(kind, count: 2, language);
        var memory = new InMemoryTranslationMemory();
        var provider = new MemoizingTranslationProvider(new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint)), memory);

        TranslationResult result = await provider.TranslateAsync(Source, "vi", Targets);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(2), "the batch, then one retry");
            Assert.That(server.Requests[1].QueryValues("to"), Is.EqualTo(new[] { language }), "the retry asks only for the failing language");
            Assert.That(result.Languages.Keys, Is.EquivalentTo(Targets.Where(t => t != language)));
            Assert.That(result.Refused, Is.Not.Null);
            Assert.That(result.Refused!.Keys, Is.EqualTo(new[] { language }));
            Assert.That(result.Refused[language], Does.Contain(reason).And.Contain("after one retry"));
            // Only the block with protected spans can lose them; every segment fails the other checks.
            string[] failing = kind == LoopbackBadAnswer.DroppedSpans ? [Source.Blocks[0].Text] : [Source.Title, .. Source.Blocks.Select(b => b.Text)];
            Assert.That(
                memory.Entries.Keys.Where(k => k.To == language).Select(k => k.SegmentHash),
                Is.EquivalentTo(new[] { Source.Title, Source.Blocks[0].Text, Source.Blocks[1].Text }.Except(failing).Select(MemoizingTranslationProvider.SegmentHash)),
                "nothing failing is stored, what passed is");
            Assert.That(memory.Entries.Keys.Count(k => k.To != language), Is.EqualTo(3 * (Targets.Length - 1)), "the other languages are kept");
        }
    }

    [TestCase(LoopbackBadAnswer.WrongScript)]
    [TestCase(LoopbackBadAnswer.Truncated)]
    [TestCase(LoopbackBadAnswer.Untranslated)]
    [TestCase(LoopbackBadAnswer.DroppedSpans)]
    public async Task TranslateAsync_BadFirstAnswerThenGoodOne_GoodAnswerIsReturnedAndStored(LoopbackBadAnswer kind)
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = true });
        server.AnswerBadly(kind, count: 1, "uk");
        var memory = new InMemoryTranslationMemory();
        var provider = new MemoizingTranslationProvider(new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint)), memory);

        TranslationResult result = await provider.TranslateAsync(Source, "vi", Targets);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(2));
            Assert.That(result.Refused, Is.Null);
            Assert.That(result.Languages["uk"].Title, Is.EqualTo(LoopbackTranslation.Scripted(Source.Title, "uk")));
            Assert.That(result.Languages["uk"].Blocks[0].Text, Does.Contain("6,5").And.Contain("https://baoangiang.com.vn/tin-5.html"));
            Assert.That(memory.Entries.Where(e => e.Key.To == "uk").Select(e => e.Value),
                Is.EquivalentTo(new[] { result.Languages["uk"].Title, result.Languages["uk"].Blocks[0].Text, result.Languages["uk"].Blocks[1].Text }),
                "the retry's good answers are stored");
        }
    }

    [Test]
    public async Task TranslateManyAsync_OneArticleFailsTwice_OtherArticlesOfTheBatchAreUntouched()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = true });
        server.AnswerBadly(LoopbackBadAnswer.Untranslated, count: 2, "th");
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint));
        LanguageContent other = Source with { Title = "Hội nghị tổng kết công tác dân vận của tỉnh trong năm 2025 vừa qua" };

        IReadOnlyList<TranslationResult> results = await provider.TranslateManyAsync(
            [new TranslationJob(Source, "vi", Targets), new TranslationJob(other, "vi", ["uk", "ru"])]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].Refused!.Keys, Is.EqualTo(new[] { "th" }));
            Assert.That(results[1].Refused, Is.Null);
            Assert.That(results[1].Languages.Keys, Is.EquivalentTo(new[] { "uk", "ru" }));
            Assert.That(results[0].BilledCharacters, Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task TranslateAsync_OneLanguageFailsTwice_PerLanguageCostAndQualityAddUp()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        server.AnswerBadly(LoopbackBadAnswer.Untranslated, count: 2, "th");
        var provider = new MemoizingTranslationProvider(new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint)), new InMemoryTranslationMemory());

        TranslationResult result = await provider.TranslateAsync(Source, "vi", Targets);

        ImmutableDictionary<string, LanguageTranslationStats> stats = result.ByLanguage!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stats.Keys, Is.EquivalentTo(Targets));
            Assert.That(stats.Values.Sum(s => s.BilledCharacters), Is.EqualTo(result.BilledCharacters).And.EqualTo(server.BilledCharacters));
            Assert.That(stats["th"].BilledCharacters, Is.GreaterThan(stats["uk"].BilledCharacters), "th paid for its retry too");
            Assert.That(stats["th"].FailedChecks, Is.EqualTo(6), "three segments, two answers each");
            Assert.That(stats["th"].Failed, Is.EqualTo(1));
            Assert.That(stats["uk"], Is.EqualTo(new LanguageTranslationStats(stats["uk"].BilledCharacters, 0, 0)));
        }
    }
}
