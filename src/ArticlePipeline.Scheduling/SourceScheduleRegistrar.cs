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
        var wanted = _catalog.Sources.Select(s => SourceTriggerKeys.Job(s.Id)).ToHashSet();

        // New sources are stored in one operation, so sources on one schedule fire together: stored one at a time, a
        // cron boundary passing between two of them moved the later ones a whole period on. Of workers starting at
        // once, the first to store them wins and the others keep what it stored (which they would have stored too):
        // replacing it would have moved a trigger another worker may already have taken to fire.
        for (int attempt = 0; ; attempt++)
        {
            List<Scheduled> plan = await PlanAsync(scheduler, zone, cancellationToken).ConfigureAwait(false);
            Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> added = plan.Where(p => p.New).ToDictionary(p => p.Job, p => (IReadOnlyCollection<ITrigger>)[p.Trigger]);
            Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> changed = plan.Where(p => !p.New).ToDictionary(p => p.Job, p => (IReadOnlyCollection<ITrigger>)[p.Trigger]);
            try
            {
                if (added.Count > 0)
                {
                    // A second attempt replaces: what is left absent then is a job stored without its trigger.
                    await scheduler.ScheduleJobs(added, new ScheduleJobOptions { Replace = attempt > 0 }, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ObjectAlreadyExistsException) when (attempt == 0)
            {
                continue;
            }

            if (changed.Count > 0)
            {
                await scheduler.ScheduleJobs(changed, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
            }

            foreach (Scheduled scheduled in plan)
            {
                LogScheduled(scheduled.SourceId, scheduled.Cron);
            }

            break;
        }

        foreach (JobKey stale in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken).ConfigureAwait(false)).Where(k => !wanted.Contains(k)))
        {
            await scheduler.DeleteJob(stale, cancellationToken).ConfigureAwait(false);
            LogRemoved(stale.Name);
        }
    }

    /// <summary>The sources without a stored trigger, and those whose stored trigger has another schedule or time zone.</summary>
    private async Task<List<Scheduled>> PlanAsync(IScheduler scheduler, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var plan = new List<Scheduled>();
        foreach (SourceDefinition source in _catalog.Sources)
        {
            JobKey jobKey = SourceTriggerKeys.Job(source.Id);
            TriggerKey triggerKey = SourceTriggerKeys.Trigger(source.Id);
            string cron = string.IsNullOrWhiteSpace(source.Schedule) ? _options.DefaultSchedule : source.Schedule;
            ITrigger? existing = await scheduler.GetTrigger(triggerKey, cancellationToken).ConfigureAwait(false);
            if (existing is ICronTrigger stored && stored.CronExpressionString == cron && stored.TimeZone.Id == zone.Id)
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
            plan.Add(new Scheduled(source.Id, cron, job, trigger, New: existing is null));
        }

        return plan;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "source {SourceId} scheduled on '{Cron}'")]
    private partial void LogScheduled(string sourceId, string cron);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "job {Job} removed: its source is no longer configured")]
    private partial void LogRemoved(string job);

    /// <summary>A source's job and trigger to store; <paramref name="New"/> when no trigger of it was stored.</summary>
    private sealed record Scheduled(string SourceId, string Cron, IJobDetail Job, ITrigger Trigger, bool New);
}
