using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Telemetry;

namespace ArticlePipeline.Core.Work;

/// <summary>
/// A local pass's view of its work items: every result counted in the pass's <see cref="CrawlSummary"/> and in its
/// source's own (the run the console shows), each article outcome reported as it happens, a full disk stopping the pass.
/// </summary>
/// <param name="summary">The pass's summary.</param>
/// <param name="progress">Receives each article outcome.</param>
/// <param name="listener">Hears each discovery and each skipped article as it happens; none when <see langword="null"/>.</param>
/// <param name="stop">Cancelled when the pass must take no further item (a full disk, an unexpected exception).</param>
/// <param name="time">The clock of the source runs.</param>
internal sealed class LocalPassObserver(CrawlSummary summary, IProgress<ArticleOutcome>? progress, ICrawlPassListener? listener, CancellationTokenSource stop, TimeProvider time) : IWorkItemObserver
{
    private readonly ConcurrentDictionary<string, SourceTally> _sources = new(StringComparer.Ordinal);
    private ExceptionDispatchInfo? _error;

    /// <summary>The sources whose discovery ran, with their own counts, in the order they started.</summary>
    public IEnumerable<SourceRun> Runs() =>
        _sources.Values.Where(t => t.Discovered).OrderBy(t => t.Started).Select(t => SourceRun.From(t.Id, t.StartedAt, t.Elapsed(time), t.Own));

    /// <inheritdoc />
    public Activity? SpanOf(WorkItem item, SourceDefinition? source) => source is null ? null : Tally(source.Id).Span;

    /// <inheritdoc />
    public void Done(WorkLease lease, SourceDefinition? source, WorkItemResult result, bool completed)
    {
        SourceTally tally = Tally(lease.Item.SourceId);
        if (result.Discovery is { } discovery)
        {
            tally.Discovered = true;
            foreach (CrawlSummary counts in new[] { summary, tally.Own })
            {
                counts.AddSource(discovery.Discovered, discovery.Problems, discovery.Failed);
                foreach ((string reason, int count) in discovery.Skipped)
                {
                    counts.AddSkipped(reason, count);
                }
            }

            listener?.Discovered(discovery);
        }

        if (result.Article is { } article)
        {
            Add(tally, article);
        }

        tally.Ended(time);
    }

    /// <inheritdoc />
    public bool Failed(WorkLease lease, SourceDefinition? source, Exception exception)
    {
        SourceTally tally = Tally(lease.Item.SourceId);
        if (StorageFullException.IsStorageFull(exception) && !lease.Item.IsDiscovery)
        {
            // A full disk is no article's fault: the pass stops taking new work, as on SIGTERM, and says why.
            string reason = $"storage full, no new article started: {exception.Message}";
            summary.Stop(reason);
            tally.Own.Stop(reason);
            Add(tally, CrawlItemResult.Processed(ArticleOutcome.Failure(lease.Item.Url, CrawlRunner.StorageFailure, exception.Message)));
        }
        else
        {
            Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(exception), null);
        }

        tally.Ended(time);
        stop.Cancel();
        return true;
    }

    /// <summary>Counts an article the pass did not start because it stopped early.</summary>
    /// <param name="item">The article's item.</param>
    public void NotStarted(WorkItem item)
    {
        summary.AddSkipped(SkipReasons.Stopped);
        Tally(item.SourceId).Own.AddSkipped(SkipReasons.Stopped);
        listener?.Skipped(SkipReasons.Stopped);
    }

    /// <summary>Throws the first unexpected exception of an item, as the pass's own.</summary>
    public void ThrowIfFailed() => Volatile.Read(ref _error)?.Throw();

    /// <summary>Ends the source-run spans.</summary>
    public void EndSpans()
    {
        foreach (SourceTally tally in _sources.Values)
        {
            tally.Span?.Dispose();
        }
    }

    private void Add(SourceTally tally, CrawlItemResult result)
    {
        summary.Add(result);
        tally.Own.Add(result);
        if (result.Outcome is { } outcome)
        {
            progress?.Report(outcome);
        }
        else if (result.SkipReason is { } reason)
        {
            listener?.Skipped(reason);
        }
    }

    private SourceTally Tally(string sourceId) => _sources.GetOrAdd(sourceId, id => new SourceTally(id, time));

    /// <summary>One source's run in the pass: from its discovery's start to its last item's end.</summary>
    private sealed class SourceTally
    {
        private long _ended;

        public SourceTally(string id, TimeProvider time)
        {
            Id = id;
            StartedAt = time.GetUtcNow();
            Started = time.GetTimestamp();
            _ended = Started;

            // One span per source run: its discovery and its articles are children.
            Span = PipelineActivities.StartSourceRun(id);
        }

        public string Id { get; }

        public DateTimeOffset StartedAt { get; }

        public long Started { get; }

        public CrawlSummary Own { get; } = new();

        public Activity? Span { get; }

        public bool Discovered { get; set; }

        public void Ended(TimeProvider time) => Interlocked.Exchange(ref _ended, time.GetTimestamp());

        public TimeSpan Elapsed(TimeProvider time) => time.GetElapsedTime(Started, Interlocked.Read(ref _ended));
    }
}
