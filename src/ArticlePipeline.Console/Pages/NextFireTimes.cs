using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>
/// When each source fires next: asked of the running Quartz scheduler when there is one (it knows misfires, pauses and
/// the cluster's state), else computed from the source's cron in the configured time zone.
/// </summary>
internal sealed class NextFireTimes(IServiceProvider services, IOptions<OperatorConsoleOptions> options, TimeProvider time)
{
    /// <summary>The next fire time of <paramref name="source"/> and where it came from (<c>scheduler</c>, <c>cron</c> or <c>none</c>).</summary>
    public async Task<(DateTimeOffset? At, string From)> NextAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is { } factory)
        {
            try
            {
                IScheduler scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
                SchedulerStatus status = await scheduler.GetStatus(cancellationToken).ConfigureAwait(false);
                if (status is SchedulerStatus.Running or SchedulerStatus.Standby
                    && await scheduler.GetTrigger(SourceTriggerKeys.Trigger(source.Id), cancellationToken).ConfigureAwait(false) is { } trigger)
                {
                    return (trigger.NextFireTimeUtc, "scheduler");
                }
            }
            catch (SchedulerException)
            {
                // The scheduler's store is unreachable: the cron still says when it should fire.
            }
        }

        CronExpression expression;
        try
        {
            expression = new CronExpression(Schedule(source), Zone());
        }
        catch (FormatException)
        {
            return (null, "none");
        }

        return (expression.GetNextValidTimeAfter(time.GetUtcNow()), "cron");
    }

    /// <summary>The cron the source runs on.</summary>
    public string Schedule(SourceDefinition source) =>
        string.IsNullOrWhiteSpace(source.Schedule) ? options.Value.DefaultSchedule : source.Schedule;

    /// <summary>The configured time zone, or UTC when this machine does not know it.</summary>
    public TimeZoneInfo Zone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.TimeZone, out TimeZoneInfo? zone) ? zone : TimeZoneInfo.Utc;
}
