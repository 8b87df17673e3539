using System.Text.Json;
using System.Text.Json.Serialization;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ArticlePipeline.Worker;

/// <summary>
/// Checks the scheduler and the state store every <see cref="SchedulerOptions.HealthIntervalSeconds"/> and writes the
/// result as JSON to the health file, for a systemd watchdog script, a container probe or a person.
/// </summary>
internal sealed partial class HealthReporter : BackgroundService
{
    private readonly ISchedulerFactory _schedulers;
    private readonly IWorkItemStore _work;
    private readonly SchedulerOptions _options;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<HealthReporter> _logger;

    public HealthReporter(ISchedulerFactory schedulers, IWorkItemStore work, SchedulerOptions options, TimeProvider time, ILogger<HealthReporter> logger)
    {
        _schedulers = schedulers;
        _work = work;
        _options = options;
        _path = options.HealthFile ?? throw new ArgumentException("Scheduler:HealthFile is resolved by the composition", nameof(options));
        _time = time;
        _logger = logger;
    }

    /// <summary>How long the state store may take to answer a check.</summary>
    internal static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks once and returns the report.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        string scheduler;
        try
        {
            IScheduler s = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            scheduler = s.Status switch
            {
                SchedulerStatus.Running => "started",
                SchedulerStatus.Standby => "standby",
                SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown => "shutdown",
                _ => "not started",
            };
        }
        catch (SchedulerException ex)
        {
            scheduler = "error: " + ex.Message;
        }

        string store = "ok";
        long depth = -1;
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(StoreTimeout);
        try
        {
            depth = await _work.CountAsync(answer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A store that neither answers nor refuses (a dropped network path) is as unhealthy as one that refuses.
            store = $"error: no answer within {StoreTimeout.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            store = "error: " + ex.Message;
        }

        bool healthy = scheduler == "started" && store == "ok";
        return new HealthReport(healthy ? "healthy" : "unhealthy", SchedulingServiceCollectionExtensions.InstanceId(_options), scheduler, store, depth, _time.GetUtcNow());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The first report comes one interval after start, when the scheduler has had time to start.
                await Task.Delay(TimeSpan.FromSeconds(_options.HealthIntervalSeconds), _time, stoppingToken).ConfigureAwait(false);
                HealthReport report = await CheckAsync(stoppingToken).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                string temp = _path + ".tmp";
                await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(report, HealthJsonContext.Default.HealthReport), stoppingToken).ConfigureAwait(false);
                File.Move(temp, _path, overwrite: true);
                if (report.Status != "healthy")
                {
                    LogUnhealthy(report.Scheduler, report.Store);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException ex)
            {
                LogWriteFailed(_path, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "unhealthy: scheduler {Scheduler}, store {Store}")]
    private partial void LogUnhealthy(string scheduler, string store);

    [LoggerMessage(EventId = 231, Level = LogLevel.Warning, Message = "cannot write the health file {Path}: {Reason}")]
    private partial void LogWriteFailed(string path, string reason);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
