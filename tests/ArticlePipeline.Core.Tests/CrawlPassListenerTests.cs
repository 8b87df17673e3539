using System.Collections.Concurrent;
using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Tests.Fakes;
using ArticlePipeline.Core.Work;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Core.Tests;

/// <summary>
/// A local pass tells its listener (the worker's metrics) each discovery when it ends and each skip as it happens, as a
/// cluster worker does, not all at the end of the pass.
/// </summary>
[TestFixture]
public sealed class CrawlPassListenerTests
{
    private static readonly SourceDefinition Source = new()
    {
        Id = "baosonghau",
        Name = "Báo Sông Hậu",
        HomeUrl = "https://baosonghau.example.vn/",
        ExcludePatterns = ["/video/"],
    };

    private const string Discovery = "discovered 3, skipped filtered 1";

    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    private static readonly Uri[] Listed =
    [
        new("https://baosonghau.example.vn/tin-tuc/a1001.html"),
        new("https://baosonghau.example.vn/video/v77.html"),
        new("https://baosonghau.example.vn/tin-tuc/a1002.html"),
    ];

    [Test]
    public async Task A_pass_reports_its_discovery_while_its_articles_are_still_under_way_then_each_skip_and_the_same_counts_as_its_summary()
    {
        var events = new ConcurrentQueue<string>();
        var translator = new GatedTranslator();
        var processor = new ArticleProcessor(
            new FakePageFetcher(), new FakeArticleExtractor(), new FakeArticleNormalizer(), translator, new FakeRecordSink(), timeProvider: new FakeTimeProvider());
        var runner = new CrawlRunner(new Listing(), processor, new CrawlOptions());
        var listener = new Recorder(events);

        Task<CrawlSummary> pass = runner.RunAsync(
            [Source], 1, new Immediate(o => events.Enqueue("outcome " + o.Kind)), CancellationToken.None, CancellationToken.None, listener);

        // The article waits for its translation, so the pass cannot have ended: the discovery must be heard by now.
        await translator.Asked.Task.WaitAsync(Hang);
        for (var waited = TimeSpan.Zero; !events.Contains(Discovery) && waited < Hang; waited += TimeSpan.FromMilliseconds(20))
        {
            await Task.Delay(20);
        }

        Assert.That(events, Does.Contain(Discovery), "heard while the pass runs, not at its end");
        Assert.That(pass.IsCompleted, Is.False);

        translator.Release.SetResult();
        CrawlSummary summary = await pass.WaitAsync(Hang);

        using (Assert.EnterMultipleScope())
        {
            // Both pages carry the same article (the fake extractor's, with its canonical URL): the second is a skip
            // only known once fetched, heard as it happens.
            Assert.That(events, Is.EquivalentTo(new[] { Discovery, "outcome Written", "skipped seen" }));
            Assert.That(summary.Discovered, Is.EqualTo(listener.Discovered), "the listener heard what the summary counts");
            Assert.That(summary.SkippedByReason, Is.EquivalentTo(listener.Skips));
        }
    }

    private sealed class Listing : ISourceDiscovery
    {
        public Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default) =>
            Task.FromResult(new DiscoveryResult([.. Listed], ImmutableArray<string>.Empty));
    }

    private sealed class Recorder(ConcurrentQueue<string> events) : ICrawlPassListener
    {
        public int Discovered { get; private set; }

        public Dictionary<string, int> Skips { get; } = new(StringComparer.Ordinal);

        void ICrawlPassListener.Discovered(SourceDiscoveryRun discovery)
        {
            Discovered += discovery.Discovered;
            foreach ((string reason, int count) in discovery.Skipped)
            {
                Skips[reason] = Skips.GetValueOrDefault(reason) + count;
            }

            events.Enqueue($"discovered {discovery.Discovered}, skipped {string.Join(", ", discovery.Skipped.Select(s => $"{s.Key} {s.Value}"))}");
        }

        void ICrawlPassListener.Skipped(string reason)
        {
            Skips[reason] = Skips.GetValueOrDefault(reason) + 1;
            events.Enqueue("skipped " + reason);
        }
    }

    /// <summary>A translator that answers once the test releases it.</summary>
    private sealed class GatedTranslator : ITranslationProvider
    {
        private readonly FakeTranslationProvider _inner = new();

        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "gated";

        public async Task<TranslationResult> TranslateAsync(LanguageContent source, string sourceLanguage, IReadOnlyList<string> targetLanguages, CancellationToken cancellationToken = default)
        {
            Asked.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await _inner.TranslateAsync(source, sourceLanguage, targetLanguages, cancellationToken);
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder the events).</summary>
    private sealed class Immediate(Action<ArticleOutcome> report) : IProgress<ArticleOutcome>
    {
        public void Report(ArticleOutcome value) => report(value);
    }
}
