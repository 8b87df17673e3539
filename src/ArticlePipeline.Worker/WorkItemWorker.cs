using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: takes article work items with leases and processes them, <see cref="SchedulerOptions.WorkerConcurrency"/>
/// at a time. A lease is renewed while its article is processed; a node that dies simply stops renewing, and
/// another node takes the item when the lease expires.
/// </summary>
/// <remarks>
/// On shutdown no new item is taken; articles in flight get <see cref="SchedulerOptions.GracePeriodSeconds"/> to
/// finish, after which they are cancelled and their leases released, so another node takes them at once. Record
/// writes are atomic, so a cancelled article never leaves a partial file.
/// </remarks>
internal sealed partial class WorkItemWorker : BackgroundService
{
    private readonly IWorkItemStore _work;
    private readonly ArticleProcessor _processor;
    private readonly SourceCatalog _catalog;
    private readonly SchedulerOptions _options;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkItemWorker> _logger;
    private readonly string _owner;

    public WorkItemWorker(
        IWorkItemStore work,
        ArticleProcessor processor,
        SourceCatalog catalog,
        SchedulerOptions options,
        PipelineMetrics metrics,
        TimeProvider time,
        ILogger<WorkItemWorker> logger)
    {
        _work = work;
        _processor = processor;
        _catalog = catalog;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _owner = SchedulingServiceCollectionExtensions.InstanceId(options);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Articles in flight outlive the stop signal by the grace period.
        var grace = new CancellationTokenSource();
        stoppingToken.Register(() => grace.CancelAfter(TimeSpan.FromSeconds(_options.GracePeriodSeconds)));
        Task[] loops = Enumerable.Range(0, Math.Max(1, _options.WorkerConcurrency))
            .Select(_ => Task.Run(() => LoopAsync(stoppingToken, grace.Token), CancellationToken.None))
            .ToArray();
        return Task.WhenAll(loops).ContinueWith(_ => grace.Dispose(), TaskScheduler.Default);
    }

    private async Task LoopAsync(CancellationToken stopping, CancellationToken grace)
    {
        TimeSpan leaseDuration = TimeSpan.FromSeconds(_options.LeaseSeconds);
        while (!stopping.IsCancellationRequested)
        {
            WorkLease? lease;
            try
            {
                _metrics.QueueDepth(await _work.CountAsync(stopping).ConfigureAwait(false));
                lease = await _work.TryLeaseAsync(_owner, leaseDuration, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreError(ex.Message);
                await DelayAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (lease is null)
            {
                await DelayAsync(stopping).ConfigureAwait(false);
                continue;
            }

            await ProcessAsync(lease, leaseDuration, grace).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken grace)
    {
        if (lease.Attempt > 1)
        {
            _metrics.LeaseExpired();
            LogTakenOver(lease.Item.Url, lease.Attempt);
        }

        SourceDefinition? source = _catalog.Sources.FirstOrDefault(s => s.Id == lease.Item.SourceId);
        using var renewal = new CancellationTokenSource();
        Task renewing = RenewAsync(lease, leaseDuration, renewal.Token);
        try
        {
            ArticleOutcome outcome = await _processor.ProcessAsync(lease.Item.Url, source, cancellationToken: grace).ConfigureAwait(false);
            _metrics.Processed(outcome);
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            bool completed = await _work.CompleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
            LogProcessed(lease.Item.Url, outcome.Kind, lease.Attempt, completed);
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await _work.ReleaseAsync(lease, "released at shutdown", CancellationToken.None).ConfigureAwait(false);
            LogReleased(lease.Item.Url);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await _work.ReleaseAsync(lease, ex.Message, CancellationToken.None).ConfigureAwait(false);
            LogFailed(lease.Item.Url, ex.Message);
        }
    }

    private async Task RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(leaseDuration / 3, _time, stop).ConfigureAwait(false);
                if (!await _work.RenewAsync(lease, leaseDuration, stop).ConfigureAwait(false))
                {
                    LogLeaseLost(lease.Item.Url);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The article is done.
        }
    }

    private async Task DelayAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "work item {Url}: {Outcome} (attempt {Attempt}, completed {Completed})")]
    private partial void LogProcessed(Uri url, ArticleOutcomeKind outcome, int attempt, bool completed);

    [LoggerMessage(EventId = 225, Level = LogLevel.Information, Message = "work item {Url}: taken over after an expired lease (attempt {Attempt})")]
    private partial void LogTakenOver(Uri url, int attempt);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "work item {Url}: released at shutdown, another node will take it")]
    private partial void LogReleased(Uri url);

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "work item {Url}: failed and released: {Reason}")]
    private partial void LogFailed(Uri url, string reason);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "work item {Url}: lease lost while processing")]
    private partial void LogLeaseLost(Uri url);

    [LoggerMessage(EventId = 224, Level = LogLevel.Warning, Message = "work store unavailable: {Reason}")]
    private partial void LogStoreError(string reason);
}
