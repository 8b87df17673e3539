using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

/// <summary>The translation memory in front of the Azure provider, against the loopback Translator.</summary>
[TestFixture]
public sealed class MemoizingTranslationProviderTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    private LoopbackTranslator _server = null!;
    private InMemoryTranslationMemory _memory = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        _memory = new InMemoryTranslationMemory();
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateAsync_FirstTime_OneRequestBillsSourceTimesLanguagesAndStoresEverySegment()
    {
        LanguageContent source = Articles.CreatePlain(20);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        TranslationMemoryKey key = _memory.Entries.Keys.First();
        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
            Assert.That(result.BilledCharacters, Is.EqualTo(Articles.Characters(source) * 4), "exactly source × languages");
            Assert.That(result.SavedCharacters, Is.Zero);
            Assert.That(_memory.Entries, Has.Count.EqualTo(22 * 4));
            Assert.That(key.SegmentHash, Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(key.From, Is.EqualTo("vi"));
            Assert.That(key.Provider, Is.EqualTo("azure"));
            Assert.That(_memory.Entries.Keys.Select(k => k.To).Distinct(), Is.EquivalentTo(Targets));
        });
        TranslationAssert.Aligned(source, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_UnchangedArticleAgain_NoRequestNothingBilledAllSaved()
    {
        LanguageContent source = Articles.Create(30);
        MemoizingTranslationProvider provider = Provider();
        TranslationResult first = await provider.TranslateAsync(source, "vi", Targets);
        _server.ClearRequests();

        TranslationResult second = await provider.TranslateAsync(source, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Is.Empty);
            Assert.That(second.BilledCharacters, Is.Zero);
            Assert.That(second.RequestIds, Is.Empty);
            Assert.That(second.SavedCharacters, Is.EqualTo(Articles.Characters(source) * 4));
            Assert.That(first.SavedCharacters, Is.Zero);
            Assert.That(second.Languages.Keys, Is.EquivalentTo(Targets));
            foreach (string language in Targets)
            {
                Assert.That(second.Languages[language], Is.EqualTo(first.Languages[language]).Using<LanguageContent>(SameContent), language);
            }
        });
    }

    [Test]
    public async Task TranslateAsync_UnchangedPlainArticleAgain_SavedEqualsFirstBilled()
    {
        LanguageContent source = Articles.CreatePlain(12);
        MemoizingTranslationProvider provider = Provider();
        TranslationResult first = await provider.TranslateAsync(source, "vi", Targets);

        TranslationResult second = await provider.TranslateAsync(source, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(second.SavedCharacters, Is.EqualTo(first.BilledCharacters));
            Assert.That(second.BilledCharacters, Is.Zero);
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task TranslateAsync_OneParagraphChanged_BillsExactlyThatParagraphTimesFourStillAligned()
    {
        LanguageContent source = Articles.Create(30);
        MemoizingTranslationProvider provider = Provider();
        await provider.TranslateAsync(source, "vi", Targets);
        _server.ClearRequests();
        const string changed = "Đoạn này đã được biên tập viên viết lại hoàn toàn sau khi bài báo được đăng.";
        LanguageContent edited = source with { Blocks = source.Blocks.SetItem(7, source.Blocks[7] with { Text = changed }) };

        TranslationResult result = await provider.TranslateAsync(edited, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
            Assert.That(_server.Requests[0].Texts, Is.EqualTo(new[] { changed }));
            Assert.That(_server.Requests[0].QueryValues("to"), Is.EqualTo(Targets));
            Assert.That(result.BilledCharacters, Is.EqualTo(changed.Length * 4L));
            Assert.That(result.SavedCharacters, Is.EqualTo((Articles.Characters(edited) - changed.Length) * 4L));
        });
        TranslationAssert.Aligned(edited, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_SixtyBlockArticle_ThroughTheMemory_OneRequestAligned()
    {
        LanguageContent source = Articles.Create(60, blockLength: 80);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Single().Texts, Has.Count.EqualTo(62));
            Assert.That(result.BilledCharacters, Is.EqualTo(Articles.WireCharacters(source) * 4));
        });
        TranslationAssert.Aligned(source, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_SomeLanguagesKnown_SendsOnlyTheMissingLanguages()
    {
        LanguageContent source = Articles.CreatePlain(5);
        MemoizingTranslationProvider provider = Provider();
        await provider.TranslateAsync(source, "vi", ["uk", "ru"]);
        _server.ClearRequests();

        TranslationResult result = await provider.TranslateAsync(source, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Single().QueryValues("to"), Is.EqualTo(new[] { "ro", "th" }), "both missing languages in one request");
            Assert.That(result.BilledCharacters, Is.EqualTo(Articles.Characters(source) * 2));
            Assert.That(result.SavedCharacters, Is.EqualTo(Articles.Characters(source) * 2));
        });
        TranslationAssert.Aligned(source, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_SegmentsMissingDifferentLanguages_GroupedBySet()
    {
        LanguageContent first = Articles.CreatePlain(4);
        MemoizingTranslationProvider provider = Provider();
        await provider.TranslateAsync(first, "vi", ["uk", "ru"]);
        _server.ClearRequests();
        LanguageContent second = first with { Blocks = first.Blocks.Add(new ContentBlock(BlockKind.Paragraph, "Một đoạn hoàn toàn mới.")) };

        TranslationResult result = await provider.TranslateAsync(second, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => string.Join(",", r.QueryValues("to"))), Is.EquivalentTo(new[] { "ro,th", "uk,ru,ro,th" }));
            Assert.That(_server.Requests.Single(r => r.QueryValues("to").Count == 4).Texts, Is.EqualTo(new[] { "Một đoạn hoàn toàn mới." }));
            Assert.That(result.BilledCharacters, Is.EqualTo((Articles.Characters(first) * 2) + ("Một đoạn hoàn toàn mới.".Length * 4)));
        });
        TranslationAssert.Aligned(second, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_SameTextInAnotherNormalizationForm_IsTheSameSegment()
    {
        string composed = "Người dân tiếp tục theo dõi tình hình.".Normalize(NormalizationForm.FormC);
        string decomposed = composed.Normalize(NormalizationForm.FormD);
        Assume.That(decomposed, Is.Not.EqualTo(composed));
        MemoizingTranslationProvider provider = Provider();
        await provider.TranslateAsync(new LanguageContent(composed, null, []), "vi", Targets);
        _server.ClearRequests();

        TranslationResult result = await provider.TranslateAsync(new LanguageContent(decomposed, null, []), "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Is.Empty);
            Assert.That(result.Languages["uk"].Title, Is.EqualTo(TranslationAssert.Expected(composed, "uk")));
        });
    }

    [Test]
    public async Task TranslateManyAsync_FortyShortArticles_AtMostTwoRequestsEachAligned()
    {
        LanguageContent[] sources = [.. Enumerable.Range(0, 40).Select(Articles.Short)];
        Assume.That(sources.Sum(Articles.WireCharacters) * 4, Is.LessThanOrEqualTo(100_000));

        IReadOnlyList<TranslationResult> results = await Provider().TranslateManyAsync(
            [.. sources.Select(s => new TranslationJob(s, "vi", Targets))]);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Has.Count.LessThanOrEqualTo(2));
            Assert.That(_server.Requests.Select(r => r.StatusCode), Is.All.EqualTo(200));
            Assert.That(results, Has.Count.EqualTo(40));
            Assert.That(results.Sum(r => r.BilledCharacters), Is.EqualTo(_server.BilledCharacters));
        });
        for (int i = 0; i < sources.Length; i++)
        {
            TranslationAssert.Aligned(sources[i], results[i], Targets);
        }
    }

    [Test]
    public async Task TranslateManyAsync_SegmentRepeatedAcrossTheBatch_IsSentOnce()
    {
        LanguageContent source = Articles.CreatePlain(3);
        LanguageContent copy = source with { Title = "Một tiêu đề khác" };

        IReadOnlyList<TranslationResult> results = await Provider().TranslateManyAsync(
            [new TranslationJob(source, "vi", Targets), new TranslationJob(copy, "vi", Targets)]);

        string[] sent = [.. _server.Requests.SelectMany(r => r.Texts)];
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.Unique);
            Assert.That(sent, Has.Length.EqualTo(Articles.Texts(source).Count() + 1));
            Assert.That(results[1].BilledCharacters, Is.EqualTo(copy.Title.Length * 4));
            Assert.That(results[1].SavedCharacters, Is.EqualTo((Articles.Characters(copy) - copy.Title.Length) * 4));
        });
        TranslationAssert.Aligned(source, results[0], Targets);
        TranslationAssert.Aligned(copy, results[1], Targets);
    }

    [Test]
    public void TranslateManyAsync_InnerFailsPartWay_KeepsWhatWasAlreadyTranslated()
    {
        var inner = new FailingTranslationProvider(failOnCall: 2);
        var provider = new MemoizingTranslationProvider(inner, _memory, null);
        TranslationJob[] jobs = [.. Enumerable.Range(0, 30).Select(i => new TranslationJob(Articles.Realistic(i, new Random(i)), "vi", Targets))];

        Assert.ThrowsAsync<TranslationFailedException>(() => provider.TranslateManyAsync(jobs));

        int storedArticles = jobs.Count(j => Articles.Texts(j.Source).All(t => _memory.Entries.ContainsKey(
            new TranslationMemoryKey(MemoizingTranslationProvider.SegmentHash(t), "vi", "uk", "fake"))));
        Assert.Multiple(() =>
        {
            Assert.That(inner.Calls, Is.EqualTo(2));
            Assert.That(storedArticles, Is.GreaterThan(0).And.LessThan(30), "the first call's articles are kept, the failed call's are not");
            Assert.That(_memory.PutCalls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TranslateAsync_NoTargets_AsksNothing()
    {
        TranslationResult result = await Provider().TranslateAsync(Articles.Create(2), "vi", []);

        Assert.Multiple(() =>
        {
            Assert.That(result.Languages, Is.Empty);
            Assert.That(_memory.GetCalls, Is.Zero);
            Assert.That(_server.Requests, Is.Empty);
        });
    }

    [Test]
    public void Name_IsTheInnerProviders()
    {
        Assert.That(Provider().Name, Is.EqualTo("azure"));
    }

    private MemoizingTranslationProvider Provider() =>
        new(new AzureTranslationProvider(TestTranslator.CreateClient(_server.Endpoint)), _memory, null);

    private static bool SameContent(LanguageContent a, LanguageContent b) =>
        a.Title == b.Title && a.Lead == b.Lead && a.Blocks.SequenceEqual(b.Blocks);
}
