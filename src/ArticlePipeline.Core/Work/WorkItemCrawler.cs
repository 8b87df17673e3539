using System.Collections.Immutable;
using System.Diagnostics;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Core.Work;

/// <summary>
/// What a work item does, the same in a local pass and in a cluster: a discovery item discovers its source and queues
/// the articles the frontier lets through; an article item is crawled by <see cref="ArticleProcessor.StartCrawlAsync"/>.
/// </summary>
/// <remarks>
/// Discovery puts every URL through the source's <see cref="SourceFrontier"/> (filtered, limit, seen) and its stored
/// state (parked, backoff, revisit not due), counting each skip by reason; what passes is queued oldest first, so that
/// the holder of the host, which takes the latest queued first, fetches the newest article first. A queued item counts
/// against <c>maxArticlesPerRun</c>: it will be requested. The article item checks its stored state again when it is
/// taken (another node may have fetched or parked it since).
/// </remarks>
public sealed partial class WorkItemCrawler
{
    private readonly ISourceDiscovery _discovery;
    private readonly ArticleProcessor _processor;
    private readonly IOperationsJournal? _runs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the crawler.</summary>
    /// <param name="discovery">Discovery stage.</param>
    /// <param name="processor">Crawls each article.</param>
    /// <param name="options">The failure, revisit and batching policy; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Logs each skip at discovery; none when <see langword="null"/>.</param>
    /// <param name="runs">
    /// Where a discovery stores its source's run, for the workers that complete its articles to fill in (a cluster,
    /// where no node sees a run whole); <see langword="null"/> for a local pass, which stores its runs at its end.
    /// </param>
    /// <param name="time">The clock of a run's start; the system clock when <see langword="null"/>.</param>
    public WorkItemCrawler(
        ISourceDiscovery discovery,
        ArticleProcessor processor,
        CrawlOptions? options = null,
        ILogger<WorkItemCrawler>? logger = null,
        IOperationsJournal? runs = null,
        TimeProvider? time = null)
    {
        _discovery = discovery;
        _processor = processor;
        Options = options ?? new CrawlOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _runs = runs;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The failure, revisit and batching policy.</summary>
    public CrawlOptions Options { get; }

    /// <summary>
    /// Starts one work item: a discovery runs to its end (its requests are the host's), an article is fetched and
    /// checked; the returned task completes when the article is translated and written, which may wait for a Translator
    /// batch while the host serves the next item.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="source">Its source; <see langword="null"/> when it is no longer configured (an article is then processed as a rerun, a discovery is dropped).</param>
    /// <param name="pass">The pass the item belongs to (seen-set, translation batches).</param>
    /// <param name="work">The queue a discovery adds its articles to.</param>
    /// <param name="cancellationToken">Cancels the item.</param>
    /// <returns>The fetch step, whose result is the item's.</returns>
    public async Task<Task<WorkItemResult>> StartAsync(WorkItem item, SourceDefinition? source, CrawlPass pass, IWorkItemStore work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(pass);
        if (item.IsDiscovery)
        {
            SourceDiscoveryRun? run = source is null ? null : await DiscoverAsync(source, work, cancellationToken).ConfigureAwait(false);
            return Task.FromResult(new WorkItemResult(null, run));
        }

        if (source is null)
        {
            ArticleOutcome outcome = await _processor.ProcessAsync(item.Url, null, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Task.FromResult(new WorkItemResult(CrawlItemResult.Processed(outcome), null));
        }

        Uri key = CrawlFrontier.Key(item.Url, source);
        pass.Listed(key, item.ListedModified);
        if (!pass.TryClaim(key, source.Id))
        {
            return Task.FromResult(new WorkItemResult(
                CrawlItemResult.Skipped(item.Url, SkipReasons.Seen, $"{item.Url}: already taken for source '{source.Id}' in this pass"), null));
        }

        Task<CrawlItemResult> article = await _processor.StartCrawlAsync(item.Url, source, pass, cancellationToken).ConfigureAwait(false);
        return FinishAsync(article);

        static async Task<WorkItemResult> FinishAsync(Task<CrawlItemResult> article) =>
            new(await article.ConfigureAwait(false), null);
    }

    /// <summary>
    /// The source's discovery: lists its URLs and queues the articles the frontier lets through, newest first, counting
    /// every skip by reason.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="work">The queue.</param>
    /// <param name="cancellationToken">Cancels the discovery.</param>
    /// <returns>The counts.</returns>
    public async Task<SourceDiscoveryRun> DiscoverAsync(SourceDefinition source, IWorkItemStore work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(work);
        DateTimeOffset startedAt = _time.GetUtcNow();
        long started = _time.GetTimestamp();
        DiscoveryResult found;
        using (Activity? span = PipelineActivities.StartStage(PipelineActivities.Discover))
        {
            found = await _discovery.DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
            span?.SetTag(PipelineActivities.DiscoveredTag, found.Urls.Length);
        }

        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var frontier = new SourceFrontier(source, new CrawlPass(Options));
        var admitted = new List<(Uri Url, Uri Key)>();

        // Every listed URL's state in one read, not one read per URL while the host waits.
        IReadOnlyDictionary<string, PageState> known = await _processor.GetStatesAsync(found.Urls, source, cancellationToken).ConfigureAwait(false);
        foreach (Uri url in found.Urls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FrontierDecision decision = frontier.Admit(url);
            if (decision.Fetch)
            {
                Uri key = CrawlFrontier.Key(url, source);
                decision = _processor.Decide(url, known.GetValueOrDefault(key.AbsoluteUri), Options, found.ModifiedOf(url));
                if (decision.Fetch)
                {
                    frontier.CountRequested();
                    admitted.Add((url, key));
                    continue;
                }
            }

            Skip(url, decision);
        }

        ImmutableArray<string> problems = [.. found.Problems.Concat(frontier.Problems()).Select(p => $"{source.Id}: {p}")];
        Guid? runId = await RecordRunAsync(source, startedAt, _time.GetElapsedTime(started), found, problems, skipped, admitted.Count, cancellationToken).ConfigureAwait(false);

        // Oldest first into the queue, in one write: a host's holder takes the latest queued first, so the newest
        // article goes first, and it never sees part of the list (it would take an older article first).
        WorkItem[] items = [.. admitted.AsEnumerable().Reverse()
            .Select(a => new WorkItem(a.Key.AbsoluteUri, source.Id, a.Url) { RunId = runId, ListedModified = found.ModifiedOf(a.Url) })];
        IReadOnlySet<string> added;
        try
        {
            added = await work.EnqueueAllAsync(items, cancellationToken).ConfigureAwait(false);
        }
        catch when (runId is { } unqueued && items.Length > 0)
        {
            // Nothing was queued: the run must not wait for articles that will never come (the item is tried again).
            await AddToRunAsync(unqueued, SourceRunCounts.Of(new CrawlSummary()), -items.Length, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        int enqueued = 0;
        var notQueued = new CrawlSummary();
        foreach (WorkItem item in items)
        {
            if (added.Contains(item.Key))
            {
                enqueued++;
            }
            else
            {
                // Still queued or leased from an earlier pass (whose run counts it): one item, one request.
                Skip(item.Url, FrontierDecision.Skip(SkipReasons.Queued, $"{item.Url}: already queued"));
                notQueued.AddSkipped(SkipReasons.Queued);
            }
        }

        if (runId is { } run && enqueued < admitted.Count)
        {
            await AddToRunAsync(run, SourceRunCounts.Of(notQueued), enqueued - admitted.Count, cancellationToken).ConfigureAwait(false);
        }

        return new SourceDiscoveryRun(
            source.Id,
            found.Urls.Length,
            enqueued,
            skipped.ToImmutableDictionary(StringComparer.Ordinal),
            problems,
            found.Failed);

        void Skip(Uri url, FrontierDecision decision)
        {
            skipped[decision.Reason!] = skipped.GetValueOrDefault(decision.Reason!) + 1;
            LogSkipped(url, decision.Reason!, decision.Detail);
        }
    }

    /// <summary>
    /// Stores the source's run as discovery leaves it (found, skipped, queued), before any of its articles is queued,
    /// so no article's outcome can come in before its run. Only with a run journal (a cluster). The run is a report: a
    /// journal that cannot take it costs the console a line, never the crawl.
    /// </summary>
    /// <returns>The run's id, which its articles carry; <see langword="null"/> when no run is stored.</returns>
    private async Task<Guid?> RecordRunAsync(
        SourceDefinition source,
        DateTimeOffset startedAt,
        TimeSpan duration,
        DiscoveryResult found,
        ImmutableArray<string> problems,
        Dictionary<string, int> skipped,
        int queued,
        CancellationToken cancellationToken)
    {
        if (_runs is null)
        {
            return null;
        }

        var summary = new CrawlSummary();
        summary.AddSource(found.Urls.Length, problems, found.Failed);
        foreach ((string reason, int count) in skipped)
        {
            summary.AddSkipped(reason, count);
        }

        var runId = Guid.NewGuid();
        try
        {
            await _runs.RecordSourceRunAsync(SourceRun.From(source.Id, startedAt, duration, summary) with { RunId = runId, Queued = queued }, cancellationToken).ConfigureAwait(false);
            return runId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunNotRecorded(source.Id, ex.Message);
            return null;
        }
    }

    private async Task AddToRunAsync(Guid runId, SourceRunCounts counts, int queued, CancellationToken cancellationToken)
    {
        try
        {
            await _runs!.AddToSourceRunAsync(runId, counts, queued, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunNotRecorded(runId.ToString("D"), ex.Message);
        }
    }

    /// <summary>The URL whose host does the source's discovery: its home page, else the first feed, sitemap or listing.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The URL, or <see langword="null"/> when the source names none.</returns>
    public static Uri? HomeOf(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new[] { source.HomeUrl }.Concat(source.Feeds).Concat(source.Sitemaps).Concat(source.Listings.Select(l => l.Url))
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out Uri? url) ? url : null)
            .FirstOrDefault(u => u is not null);
    }

    /// <summary>The ends of a host's fetching in <paramref name="pass"/>: while any host fetches, translations wait to share requests.</summary>
    /// <param name="pass">The pass.</param>
    /// <param name="fetching">Whether a host starts or has fetched everything.</param>
    internal void Fetching(CrawlPass pass, bool fetching) => _processor.SourceFetching(pass, fetching);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "source run {Run}: not recorded for the console: {Reason}")]
    private partial void LogRunNotRecorded(string run, string reason);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "{Url}: skipped:{Reason} {Detail}")]
    private partial void LogSkipped(Uri url, string reason, string? detail);
}
