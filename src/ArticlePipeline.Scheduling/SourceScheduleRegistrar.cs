using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ArticlePipeline.Scheduling;

/// <summary>
/// Puts one job per configured source into the scheduler at start-up, and removes jobs of sources that are gone.
/// </summary>
/// <remarks>
/// A trigger whose schedule did not change is left as stored, so a run missed while the worker was down is a
/// misfire that fires once now (the trigger's policy), instead of being forgotten by a replaced trigger.
/// </remarks>
internal sealed partial class SourceScheduleRegistrar : IHostedService
{
    /// <summary>The Quartz group of the source jobs.</summary>
    public const string Group = SourceTriggerKeys.Group;

    private readonly ISchedulerFactory _schedulers;
    private readonly SourceCatalog _catalog;
    private readonly SchedulerOptions _options;
    private readonly ILogger<SourceScheduleRegistrar> _logger;

    public SourceScheduleRegistrar(ISchedulerFactory schedulers, SourceCatalog catalog, SchedulerOptions options, ILogger<SourceScheduleRegistrar> logger)
    {
        _schedulers = schedulers;
        _catalog = catalog;
        _options = options;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IScheduler scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone);
        var wanted = new HashSet<JobKey>();
        foreach (SourceDefinition source in _catalog.Sources)
        {
            JobKey jobKey = SourceTriggerKeys.Job(source.Id);
            TriggerKey triggerKey = SourceTriggerKeys.Trigger(source.Id);
            wanted.Add(jobKey);
            string cron = string.IsNullOrWhiteSpace(source.Schedule) ? _options.DefaultSchedule : source.Schedule;
            if (await scheduler.GetTrigger(triggerKey, cancellationToken).ConfigureAwait(false) is ICronTrigger existing &&
                existing.CronExpressionString == cron && existing.TimeZone.Id == zone.Id)
            {
                continue;
            }

            IJobDetail job = JobBuilder.Create<SourceCrawlJob>()
                .WithIdentity(jobKey)
                .UsingJobData(SourceCrawlJob.SourceKey, source.Id)
                .WithDescription(source.Name)
                .Build();
            ITrigger trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(job)
                .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(job, new[] { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
            LogScheduled(source.Id, cron);
        }

        foreach (JobKey stale in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken).ConfigureAwait(false)).Where(k => !wanted.Contains(k)))
        {
            await scheduler.DeleteJob(stale, cancellationToken).ConfigureAwait(false);
            LogRemoved(stale.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "source {SourceId} scheduled on '{Cron}'")]
    private partial void LogScheduled(string sourceId, string cron);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "job {Job} removed: its source is no longer configured")]
    private partial void LogRemoved(string job);
}
