using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Tests.Fakes;

namespace ArticlePipeline.Core.Tests;

/// <summary>How the articles of a pass share Translator requests, and what a refused batch costs its articles.</summary>
[TestFixture]
public sealed class PassTranslationsTests
{
    [Test]
    public async Task Articles_waiting_together_go_in_one_call_and_each_gets_its_own_result()
    {
        var translator = new CountingTranslator();
        using var batch = Batch(translator, maxArticles: 3);
        batch.BeginFetching();

        TranslationResult[] results = await Task.WhenAll(Job("một"), Job("hai"), Job("ba")).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(translator.Calls, Is.EqualTo(new[] { 3 }));
        Assert.That(results.Select(r => r.Languages["uk"].Title), Is.EqualTo(new[] { "[uk] một", "[uk] hai", "[uk] ba" }));

        Task<TranslationResult> Job(string title) => batch.TranslateAsync(JobFor(title), CancellationToken.None);
    }

    [Test]
    public async Task A_batch_refused_for_one_article_fails_that_article_only()
    {
        var translator = new CountingTranslator { Refuses = "hỏng" };
        using var batch = Batch(translator, maxArticles: 3);
        batch.BeginFetching();

        Task<TranslationResult> first = batch.TranslateAsync(JobFor("một"), CancellationToken.None);
        Task<TranslationResult> bad = batch.TranslateAsync(JobFor("hỏng"), CancellationToken.None);
        Task<TranslationResult> third = batch.TranslateAsync(JobFor("ba"), CancellationToken.None);

        Assert.That((await first.WaitAsync(TimeSpan.FromSeconds(20))).Languages["uk"].Title, Is.EqualTo("[uk] một"));
        Assert.That((await third.WaitAsync(TimeSpan.FromSeconds(20))).Languages["uk"].Title, Is.EqualTo("[uk] ba"));
        Assert.That(async () => await bad, Throws.InstanceOf<TranslationFailedException>());
        Assert.That(translator.Calls, Is.EqualTo(new[] { 3, 1, 1, 1 }), "the batch, then each article alone");
    }

    [Test]
    public async Task A_batch_refused_for_everyone_is_not_sent_again_article_by_article()
    {
        var translator = new CountingTranslator { RefusesAll = true };
        using var batch = Batch(translator, maxArticles: 3);
        batch.BeginFetching();

        Task<TranslationResult>[] jobs = [.. new[] { "một", "hai", "ba" }.Select(t => batch.TranslateAsync(JobFor(t), CancellationToken.None))];

        foreach (Task<TranslationResult> job in jobs)
        {
            Assert.That(async () => await job.WaitAsync(TimeSpan.FromSeconds(20)), Throws.InstanceOf<TranslationFailedException>());
        }

        Assert.That(translator.Calls, Is.EqualTo(new[] { 3, 1, 1 }), "the batch, then two articles alone that fail too, and no more");
    }

    private static PassTranslations Batch(ITranslationProvider translator, int maxArticles) =>
        new(translator, new CrawlOptions { TranslationWindowSeconds = 60, TranslationBatchArticles = maxArticles }, TimeProvider.System);

    private static TranslationJob JobFor(string title) =>
        new(new LanguageContent(title, null, []), "vi", ["uk"], null);

    /// <summary>Translates by tagging; records each call's article count; refuses as told (not transient).</summary>
    private sealed class CountingTranslator : ITranslationProvider
    {
        private readonly FakeTranslationProvider _tagging = new();

        public List<int> Calls { get; } = [];

        public string? Refuses { get; init; }

        public bool RefusesAll { get; init; }

        public string Name => "counting";

        public Task<TranslationResult> TranslateAsync(LanguageContent source, string sourceLanguage, IReadOnlyList<string> targetLanguages, CancellationToken cancellationToken = default) =>
            _tagging.TranslateAsync(source, sourceLanguage, targetLanguages, cancellationToken);

        public async Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(IReadOnlyList<TranslationJob> jobs, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add(jobs.Count);
            }

            if (RefusesAll || jobs.Any(j => j.Source.Title == Refuses))
            {
                throw new TranslationFailedException("translator returned 2 items for 3 texts");
            }

            var results = ImmutableArray.CreateBuilder<TranslationResult>();
            foreach (TranslationJob job in jobs)
            {
                results.Add(await TranslateAsync(job.Source, job.SourceLanguage, job.TargetLanguages, cancellationToken));
            }

            return results.ToImmutable();
        }
    }
}
