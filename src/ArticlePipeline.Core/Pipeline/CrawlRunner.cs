using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Work;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>One discovery and fetch pass over a set of sources: what <c>crawl --once</c> and each scheduled job run.</summary>
/// <remarks>
/// <para>
/// A local pass is the cluster's design with an in-process queue and host leases (<see cref="InProcessWorkStore"/>):
/// each source's discovery is queued on its home host, and the one <see cref="HostWorkLoop"/> takes hosts and drains
/// their queues newest first at each host's connections, exactly as the cluster's workers do over PostgreSQL. The pass
/// ends when the queue is empty and no host is held. Every URL ends counted in the <see cref="CrawlSummary"/>, by the
/// same frontier and skip reasons as in a cluster.
/// </para>
/// <para>
/// Mirror sources go first, then the rest, in one pass (one seen-set, one set of Translator batches). A full disk
/// (<see cref="StorageFullException"/>) is not counted against the URL in hand: the pass starts no further article,
/// counts the rest as <see cref="SkipReasons.Stopped"/> and says why in <see cref="CrawlSummary.Stopped"/>.
/// </para>
/// </remarks>
public sealed class CrawlRunner
{
    /// <summary>The failure reason of an article that could not be stored because the disk is full.</summary>
    public const string StorageFailure = "disk-full";

    private readonly WorkItemCrawler _crawler;
    private readonly CrawlOptions _options;
    private readonly IOperationsJournal? _journal;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory? _loggers;

    /// <summary>Creates the runner.</summary>
    /// <param name="discovery">Discovery stage.</param>
    /// <param name="processor">Processes each discovered article.</param>
    /// <param name="options">The failure policy (configuration section <c>Crawl</c>); the defaults when <see langword="null"/>.</param>
    /// <param name="journal">Receives each source's run (start, duration, counts) for the console; none when <see langword="null"/>.</param>
    /// <param name="time">The clock of a run's start; the system clock when <see langword="null"/>.</param>
    /// <param name="loggers">Logs of the work loop (hosts leased and released); none when <see langword="null"/>.</param>
    public CrawlRunner(ISourceDiscovery discovery, ArticleProcessor processor, CrawlOptions? options = null, IOperationsJournal? journal = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        _options = options ?? new CrawlOptions();
        _crawler = new WorkItemCrawler(discovery, processor, _options, loggers?.CreateLogger<WorkItemCrawler>());
        _journal = journal;
        _time = time ?? TimeProvider.System;
        _loggers = loggers;
    }

    /// <summary>Crawls <paramref name="sources"/>, several hosts at once, articles of one host newest first.</summary>
    /// <param name="sources">The sources to crawl.</param>
    /// <param name="maxParallelSources">How many hosts are worked on at once.</param>
    /// <param name="progress">Receives each processed article's outcome as it happens (skips are only counted).</param>
    /// <param name="cancellationToken">Stops the pass between articles.</param>
    /// <returns>The pass's counts.</returns>
    public Task<CrawlSummary> RunAsync(
        IReadOnlyCollection<SourceDefinition> sources,
        int maxParallelSources = 4,
        IProgress<ArticleOutcome>? progress = null,
        CancellationToken cancellationToken = default)
        => RunAsync(sources, maxParallelSources, progress, CancellationToken.None, cancellationToken);

    /// <summary>
    /// Crawls <paramref name="sources"/> with a graceful stop: once <paramref name="stopTaking"/> is signalled no new
    /// source or article is started, while the articles already in flight run on until
    /// <paramref name="cancellationToken"/> (the grace period) ends them.
    /// </summary>
    /// <param name="sources">The sources to crawl.</param>
    /// <param name="maxParallelSources">How many hosts are worked on at once.</param>
    /// <param name="progress">Receives each article outcome as it happens.</param>
    /// <param name="stopTaking">Stops taking new work.</param>
    /// <param name="cancellationToken">Cancels work in flight.</param>
    /// <param name="listener">Hears each discovery and each skipped article as it happens (live metrics); none when <see langword="null"/>.</param>
    /// <returns>The pass's counts.</returns>
    public async Task<CrawlSummary> RunAsync(
        IReadOnlyCollection<SourceDefinition> sources,
        int maxParallelSources,
        IProgress<ArticleOutcome>? progress,
        CancellationToken stopTaking,
        CancellationToken cancellationToken,
        ICrawlPassListener? listener = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var summary = new CrawlSummary();
        var pass = new CrawlPass(_options);
        var queue = new InProcessWorkStore(_time);

        // Stopped by the caller, by the grace period's end, or by the pass itself (a full disk, an unexpected failure).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopTaking, cancellationToken);
        var observer = new LocalPassObserver(summary, progress, listener, stop, _time);
        Dictionary<string, SourceDefinition> byId = sources.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var loop = new HostWorkLoop(
            queue,
            queue,
            _crawler,
            id => byId.GetValueOrDefault(id),
            new HostWorkLoopOptions
            {
                Owner = "local",

                // Nobody else takes from this queue: the leases only have to outlast the pass.
                LeaseDuration = TimeSpan.FromDays(1),
                MaxHosts = Math.Max(1, maxParallelSources),
                UntilDrained = true,
                Changed = queue.ChangedAsync,

                // The fetcher spaces one process's requests to a host; no other process waits for this one's release.
                Interval = static _ => TimeSpan.Zero,
            },
            observer,
            _time,
            _loggers?.CreateLogger<HostWorkLoop>());
        try
        {
            // Mirrors first: the originals their copies name are then written with those languages already filled,
            // instead of being machine-translated by their own source's crawl and replaced moments later.
            foreach (SourceDefinition[] phase in new[] { sources.Where(s => s.Mirror).ToArray(), sources.Where(s => !s.Mirror).ToArray() })
            {
                if (stop.IsCancellationRequested || phase.Length == 0)
                {
                    continue;
                }

                foreach (SourceDefinition source in phase)
                {
                    if (WorkItemCrawler.HomeOf(source) is { } home)
                    {
                        await queue.EnqueueAsync(WorkItem.Discovery(source.Id, home), cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        summary.AddSource(0, [$"{source.Id}: no homeUrl, feed, sitemap or listing to discover from"], discoveryFailed: true);
                    }
                }

                await loop.RunAsync(pass, stop.Token, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            pass.EndTranslations();
            observer.EndSpans();
        }

        observer.ThrowIfFailed();
        cancellationToken.ThrowIfCancellationRequested();
        if (summary.Stopped is not null)
        {
            // What a full disk left unstarted is counted, so that every URL of the pass is; on SIGTERM it is simply
            // picked up by the next pass.
            foreach (WorkItem item in queue.TakeUnstarted().Where(i => !i.IsDiscovery))
            {
                observer.NotStarted(item);
            }
        }

        foreach (SourceRun run in observer.Runs())
        {
            await RecordRunAsync(run, cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }

    /// <summary>
    /// Stores a source's run for the console. The run is a report, not work: a store that cannot take it (a full
    /// disk, which the pass already reports) must not turn a finished pass into a failed one.
    /// </summary>
    private async Task RecordRunAsync(SourceRun run, CancellationToken cancellationToken)
    {
        if (_journal is null)
        {
            return;
        }

        try
        {
            await _journal.RecordSourceRunAsync(run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing to do: the console shows the previous run until the next one is stored.
        }
    }
}
