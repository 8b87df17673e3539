using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

/// <summary><see cref="AzureTranslationProvider.TranslateManyAsync"/>: short articles share requests.</summary>
[TestFixture]
public sealed class AzureTranslationProviderBatchTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(TestTranslator.Key);

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateManyAsync_FortyShortPlainArticles_OneRequestEachBilledItsShare()
    {
        LanguageContent[] sources = [.. Enumerable.Range(0, 40).Select(i => Articles.CreatePlain(2, blockLength: 60, lead: null) with { Title = $"Tin {Words(i)}" })];

        IReadOnlyList<TranslationResult> results = await Provider().TranslateManyAsync([.. sources.Select(s => new TranslationJob(s, "vi", Targets))]);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
            Assert.That(results.Select(r => r.BilledCharacters), Is.EqualTo(sources.Select(s => Articles.Characters(s) * 4)));
            Assert.That(results.Select(r => r.RequestIds.Single()), Is.All.EqualTo(results[0].RequestIds.Single()));
        });
        for (int i = 0; i < sources.Length; i++)
        {
            TranslationAssert.Aligned(sources[i], results[i], Targets);
        }
    }

    [Test]
    public async Task TranslateManyAsync_FortyShortRealisticArticles_AtMostTwoRequests()
    {
        LanguageContent[] sources = [.. Enumerable.Range(0, 40).Select(Articles.Short)];

        IReadOnlyList<TranslationResult> results = await Provider().TranslateManyAsync([.. sources.Select(s => new TranslationJob(s, "vi", Targets))]);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests, Has.Count.LessThanOrEqualTo(2));
            Assert.That(results.Sum(r => r.BilledCharacters), Is.EqualTo(_server.BilledCharacters));
        });
        for (int i = 0; i < sources.Length; i++)
        {
            TranslationAssert.Aligned(sources[i], results[i], Targets);
        }
    }

    [Test]
    public async Task TranslateManyAsync_DifferentSourcesAndTargets_NeverShareARequest()
    {
        LanguageContent vi = Articles.CreatePlain(2);
        LanguageContent ru = new("Новости дня", null, [new ContentBlock(BlockKind.Paragraph, "Сегодня хорошая погода.")]);

        IReadOnlyList<TranslationResult> results = await Provider().TranslateManyAsync(
        [
            new TranslationJob(vi, "vi", ["uk", "ru"]),
            new TranslationJob(ru, "ru", ["vi", "uk", "ro", "th"]),
            new TranslationJob(vi with { Title = "Khác" }, "vi", ["RU", "uk"]),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.QueryValues("from").Single()), Is.EquivalentTo(new[] { "vi", "ru" }));
            Assert.That(results[2].Languages.Keys, Is.EquivalentTo(new[] { "RU", "uk" }), "codes as the job named them");
            Assert.That(results[1].Languages["vi"].Title, Is.EqualTo("[vi] Новости дня"));
        });
        TranslationAssert.Aligned(vi, results[0], ["uk", "ru"]);
    }

    private AzureTranslationProvider Provider() => new(TestTranslator.CreateClient(_server.Endpoint));

    private static string Words(int number) => string.Join(' ', number.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => "abcdefghij"[d - '0']));
}
