using System.Diagnostics;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Telemetry;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>One discovery and fetch pass over a set of sources: what <c>crawl --once</c> and each scheduled job run.</summary>
/// <remarks>
/// Sources run in parallel (their hosts are throttled by the fetcher, each on its own); the URLs of one source go
/// newest first through the frontier: filtered, limited, de-duplicated within the source for the pass, then crawled by
/// <see cref="ArticleProcessor.CrawlAsync"/>. Every URL ends counted in the <see cref="CrawlSummary"/>. A full disk
/// (<see cref="StorageFullException"/>) is not counted against the URL in hand: the pass starts no further article,
/// counts the rest as <see cref="SkipReasons.Stopped"/> and says why in <see cref="CrawlSummary.Stopped"/>.
/// </remarks>
public sealed class CrawlRunner
{
    /// <summary>The failure reason of an article that could not be stored because the disk is full.</summary>
    public const string StorageFailure = "disk-full";

    private readonly ISourceDiscovery _discovery;
    private readonly ArticleProcessor _processor;
    private readonly CrawlOptions _options;
    private readonly IOperationsJournal? _journal;
    private readonly TimeProvider _time;

    /// <summary>Creates the runner.</summary>
    /// <param name="discovery">Discovery stage.</param>
    /// <param name="processor">Processes each discovered article.</param>
    /// <param name="options">The failure policy (configuration section <c>Crawl</c>); the defaults when <see langword="null"/>.</param>
    /// <param name="journal">Receives each source's run (start, duration, counts) for the console; none when <see langword="null"/>.</param>
    /// <param name="time">The clock of a run's start; the system clock when <see langword="null"/>.</param>
    public CrawlRunner(ISourceDiscovery discovery, ArticleProcessor processor, CrawlOptions? options = null, IOperationsJournal? journal = null, TimeProvider? time = null)
    {
        _discovery = discovery;
        _processor = processor;
        _options = options ?? new CrawlOptions();
        _journal = journal;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Crawls <paramref name="sources"/>, several sources at once, articles of one source newest first.</summary>
    /// <param name="sources">The sources to crawl.</param>
    /// <param name="maxParallelSources">How many sources run at once.</param>
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
    /// <param name="maxParallelSources">How many sources run at once.</param>
    /// <param name="progress">Receives each article outcome as it happens.</param>
    /// <param name="stopTaking">Stops taking new work.</param>
    /// <param name="cancellationToken">Cancels work in flight.</param>
    /// <returns>The pass's counts.</returns>
    public async Task<CrawlSummary> RunAsync(
        IReadOnlyCollection<SourceDefinition> sources,
        int maxParallelSources,
        IProgress<ArticleOutcome>? progress,
        CancellationToken stopTaking,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var summary = new CrawlSummary();
        var pass = new CrawlPass(_options);

        // A full disk is no article's fault: the pass stops taking new work, as on SIGTERM, and says why.
        using var storageFull = CancellationTokenSource.CreateLinkedTokenSource(stopTaking);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, maxParallelSources),
            CancellationToken = cancellationToken,
        };
        try
        {
            // Mirrors first: the originals their copies name are then written with those languages already filled,
            // instead of being machine-translated by their own source's crawl and replaced moments later.
            foreach (SourceDefinition[] phase in new[] { sources.Where(s => s.Mirror).ToArray(), sources.Where(s => !s.Mirror).ToArray() })
            {
                await Parallel.ForEachAsync(phase, options, async (source, ct) =>
                {
                    if (storageFull.IsCancellationRequested)
                    {
                        return;
                    }

                    // One span per source run: its discovery and its articles are children. Each source also keeps
                    // counts of its own, the run the console shows.
                    using Activity? run = PipelineActivities.StartSourceRun(source.Id);
                    try
                    {
                        DateTimeOffset startedAt = _time.GetUtcNow();
                        long started = _time.GetTimestamp();
                        var own = new CrawlSummary();
                        DiscoveryResult found = await DiscoverAsync(source, ct).ConfigureAwait(false);
                        foreach ((Uri url, DateTimeOffset modified) in found.Modified)
                        {
                            pass.Listed(CrawlFrontier.Key(url, source), modified);
                        }

                        string[] problems = [.. found.Problems.Select(p => $"{source.Id}: {p}")];
                        summary.AddSource(found.Urls.Length, problems, found.Failed);
                        own.AddSource(found.Urls.Length, problems, found.Failed);
                        await CrawlSourceAsync(source, found, pass, new SummaryPair(summary, own), progress, storageFull, ct).ConfigureAwait(false);
                        await RecordRunAsync(SourceRun.From(source.Id, startedAt, _time.GetElapsedTime(started), own), ct).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        PipelineActivities.SetException(run, ex);
                        throw;
                    }
                }).ConfigureAwait(false);
            }
        }
        finally
        {
            pass.EndTranslations();
        }

        return summary;
    }

    private async Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        using Activity? span = PipelineActivities.StartStage(PipelineActivities.Discover);
        DiscoveryResult found = await _discovery.DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
        span?.SetTag(PipelineActivities.DiscoveredTag, found.Urls.Length);
        return found;
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

    private async Task CrawlSourceAsync(
        SourceDefinition source,
        DiscoveryResult found,
        CrawlPass pass,
        SummaryPair summary,
        IProgress<ArticleOutcome>? progress,
        CancellationTokenSource stopTaking,
        CancellationToken cancellationToken)
    {
        // One article at a time unless the source allows several connections: newest first, and its hosts' politeness
        // is what paces the pass, not this loop.
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, source.MaxConnectionsPerHost ?? 1),
            CancellationToken = cancellationToken,
        };
        var frontier = new SourceFrontier(source, pass);

        // Articles fetched and waiting to share a Translator request with the next ones: bounded, so a slow
        // translator holds at most this many pages in memory before the fetching waits too.
        using var waiting = new SemaphoreSlim(Math.Max(1, pass.Options.TranslationBatchArticles * 2));
        var finishing = new List<Task>();
        _processor.SourceFetching(pass, fetching: true);
        try
        {
            await Parallel.ForEachAsync(found.Urls, options, async (url, ct) =>
            {
                if (stopTaking.IsCancellationRequested)
                {
                    // Shutting down: what is not started now is picked up by the next pass.
                    if (summary.Pass.Stopped is not null)
                    {
                        summary.AddSkipped(SkipReasons.Stopped);
                    }

                    return;
                }

                if (frontier.Admit(url) is { Fetch: false } skipped)
                {
                    summary.AddSkipped(skipped.Reason!);
                    return;
                }

                await waiting.WaitAsync(ct).ConfigureAwait(false);
                Task<CrawlItemResult> article;
                try
                {
                    // The pass's token, not the loop's: the article finishes after the loop, under the same grace.
                    article = await _processor.StartCrawlAsync(url, source, pass, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFullException.IsStorageFull(ex))
                {
                    article = Task.FromException<CrawlItemResult>(ex);
                }
                catch
                {
                    waiting.Release();
                    throw;
                }

                bool waitsForTranslation = !article.IsCompleted;
                if (waitsForTranslation)
                {
                    // Fetched: it counts against the source's limit now, while it waits for its translation.
                    frontier.CountRequested();
                }

                Task finished = FinishAsync(url, article, counted: waitsForTranslation);
                lock (finishing)
                {
                    finishing.Add(finished);
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            // Nothing more will be fetched for the waiting articles to share a request with; every article started
            // is settled (written, failed or cancelled) before the source's pass ends.
            _processor.SourceFetching(pass, fetching: false);
            await Task.WhenAll(finishing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(finishing).ConfigureAwait(false);

        async Task FinishAsync(Uri url, Task<CrawlItemResult> article, bool counted)
        {
            CrawlItemResult result;
            try
            {
                result = await article.ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFullException.IsStorageFull(ex))
            {
                summary.Stop($"storage full, no new article started: {ex.Message}");
                await stopTaking.CancelAsync().ConfigureAwait(false);
                result = CrawlItemResult.Processed(ArticleOutcome.Failure(url, StorageFailure, ex.Message));
            }
            finally
            {
                waiting.Release();
            }

            if (result.Requested && !counted)
            {
                frontier.CountRequested();
            }

            summary.Add(result);
            if (result.Outcome is { } outcome)
            {
                progress?.Report(outcome);
            }
        }

        foreach (string problem in frontier.Problems())
        {
            summary.AddProblem($"{source.Id}: {problem}");
        }
    }

    /// <summary>The pass's summary and the source's own: every count goes to both.</summary>
    private sealed class SummaryPair(CrawlSummary pass, CrawlSummary source)
    {
        public CrawlSummary Pass => pass;

        public void AddSkipped(string reason)
        {
            pass.AddSkipped(reason);
            source.AddSkipped(reason);
        }

        public void Add(CrawlItemResult result)
        {
            pass.Add(result);
            source.Add(result);
        }

        public void Stop(string reason)
        {
            pass.Stop(reason);
            source.Stop(reason);
        }

        public void AddProblem(string problem)
        {
            pass.AddProblem(problem);
            source.AddProblem(problem);
        }
    }
}
