using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Core.Tests;

/// <summary>A pass whose articles wait to share Translator requests still ends, and still stops when asked.</summary>
[TestFixture]
public sealed class CrawlBatchingTests
{
    private static readonly SourceDefinition Source = new() { Id = "baosonghau", Name = "Báo Sông Hậu", HomeUrl = "https://baosonghau.example.vn/" };
    private static readonly Uri Url = new("https://baosonghau.example.vn/tin-tuc/a1001.html");

    // A generous bound for a pass of one article; the window under test is a minute on a clock that never moves.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    [Test]
    public async Task The_last_article_of_a_pass_is_sent_at_once_when_no_source_is_fetching_any_more()
    {
        var translator = new FakeTranslationProvider();
        var sink = new SlowOpeningSink(new FakeRecordSink());
        CrawlRunner runner = Runner(translator, sink);

        CrawlSummary summary = await runner.RunAsync([Source], 1).WaitAsync(Hang);

        Assert.That(summary.Written, Is.EqualTo(1));
        Assert.That(translator.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Stopping_a_pass_cancels_the_articles_waiting_for_the_translator()
    {
        var translator = new SilentTranslator();
        CrawlRunner runner = Runner(translator, new FakeRecordSink());
        using var stop = new CancellationTokenSource();
        using var grace = new CancellationTokenSource();

        Task<CrawlSummary> pass = runner.RunAsync([Source], 1, progress: null, stop.Token, grace.Token);
        await translator.Asked.Task.WaitAsync(Hang);
        await stop.CancelAsync();
        await grace.CancelAsync();

        Assert.That(async () => await pass.WaitAsync(Hang), Throws.InstanceOf<OperationCanceledException>());
    }

    private static CrawlRunner Runner(ITranslationProvider translator, IRecordSink sink)
    {
        var options = new CrawlOptions { TranslationWindowSeconds = 60 };
        var processor = new ArticleProcessor(
            new FakePageFetcher(), new FakeArticleExtractor(), new FakeArticleNormalizer(), translator, sink, timeProvider: new FakeTimeProvider());
        return new CrawlRunner(new OneUrl(), processor, options);
    }

    private sealed class OneUrl : ISourceDiscovery
    {
        public Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default) =>
            Task.FromResult(new DiscoveryResult([Url], ImmutableArray<string>.Empty));
    }

    /// <summary>A sink whose stored record takes a moment to read, as a record file on disk does.</summary>
    private sealed class SlowOpeningSink(FakeRecordSink inner) : IRecordSink
    {
        public async Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return await inner.OpenAsync(key, cancellationToken);
        }

        public Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(slot, record, force, cancellationToken);

        public RecordKey? KeyAt(string location) => inner.KeyAt(location);
    }

    /// <summary>A translator that never answers until the request is cancelled.</summary>
    private sealed class SilentTranslator : ITranslationProvider
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "silent";

        public async Task<TranslationResult> TranslateAsync(LanguageContent source, string sourceLanguage, IReadOnlyList<string> targetLanguages, CancellationToken cancellationToken = default)
        {
            Asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
