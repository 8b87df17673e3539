using System.Diagnostics;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>
/// Issue 5's target: a batch of 500 articles against a server throttling at 100,000 characters per minute finishes with
/// every language translated, no 4xx from limits, and no more than 5% of requests answered 429. Server and client share a
/// virtual clock that jumps whenever the client waits, so tens of virtual minutes take a few real seconds.
/// </summary>
[TestFixture]
public sealed class Issue5BatchUnderThrottlingTests
{
    private const int ArticleCount = 500;
    private const long CharactersPerMinute = 100_000;
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    [Test]
    [CancelAfter(120_000)]
    public async Task TranslateManyAsync_500ArticlesAgainstAThrottlingServer_AllTranslatedFew429s(CancellationToken cancellationToken)
    {
        var clock = new JumpingTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { CharactersPerMinute = CharactersPerMinute, TimeProvider = clock }, cancellationToken);
        var memory = new InMemoryTranslationMemory();
        ITranslationProvider provider = TranslationProviderFactory.Create(
            new TranslatorOptions
            {
                Provider = "azure",
                Endpoint = server.Endpoint.ToString(),
                Key = TestTranslator.Key,
                CharactersPerMinute = (int)CharactersPerMinute,
                RetryDelay = TimeSpan.FromMilliseconds(1),
            },
            memory,
            clock)!;
        var random = new Random(2025);
        LanguageContent[] sources = [.. Enumerable.Range(0, ArticleCount).Select(i => Articles.Realistic(i, random))];
        TranslationJob[] jobs = [.. sources.Select(s => new TranslationJob(s, "vi", Targets))];
        var wall = Stopwatch.StartNew();

        IReadOnlyList<TranslationResult> results = await provider.TranslateManyAsync(jobs, cancellationToken);

        wall.Stop();
        IReadOnlyList<LoopbackTranslatorRequest> requests = server.Requests;
        int throttled = requests.Count(r => r.StatusCode == 429);
        long sourceCharacters = sources.Sum(Articles.Characters);
        long billed = results.Sum(r => r.BilledCharacters);
        TestContext.Out.WriteLine(
            $"articles {ArticleCount}, source characters {sourceCharacters:N0}, requests {requests.Count}, answered 429: {throttled} "
            + $"({(double)throttled / requests.Count:P1}), billed {billed:N0} (source × 4 = {sourceCharacters * 4:N0}), "
            + $"virtual time {clock.Elapsed.TotalMinutes:F1} min, waits {clock.TimersCreated}, real time {wall.Elapsed.TotalSeconds:F2} s");
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(ArticleCount));
            Assert.That(results.Select(r => r.Languages.Count), Is.All.EqualTo(4), "every language of every article");
            Assert.That(requests.Where(r => r.StatusCode is >= 400 and < 500 and not 429), Is.Empty, "no 4xx from limits");
            Assert.That(throttled, Is.LessThanOrEqualTo(requests.Count * 5 / 100), "at most 5% answered 429");
            Assert.That(billed, Is.GreaterThanOrEqualTo(1_000_000));
            Assert.That(billed, Is.EqualTo(server.BilledCharacters));
            Assert.That(billed, Is.EqualTo(sources.Sum(Articles.WireCharacters) * 4), "source × languages plus protection markup");
            Assert.That(results.Select(r => r.RequestIds.Length), Is.All.EqualTo(1), "one request per article");
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes((billed / CharactersPerMinute) - 1)), "paced");
            Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "a few seconds of real time");
        });
        for (int i = 0; i < ArticleCount; i++)
        {
            TranslationAssert.Aligned(sources[i], results[i], Targets);
        }

        // A re-run of the unchanged batch: nothing sent, nothing billed.
        server.ClearRequests();
        IReadOnlyList<TranslationResult> rerun = await provider.TranslateManyAsync(jobs, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.Empty);
            Assert.That(rerun.Sum(r => r.BilledCharacters), Is.Zero);
            Assert.That(rerun.Sum(r => r.SavedCharacters), Is.EqualTo(sourceCharacters * 4));
        });
    }
}
