using ArticlePipeline.Core.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace ArticlePipeline.Scheduling;

/// <summary>Binds and checks the <c>Scheduler</c> section.</summary>
public static class SchedulerOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Scheduler</c> and checks it when the host is built: the ranges, the time zone, and a default schedule
    /// that is a Quartz cron expression which fires at least once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleSchedulerOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSection<SchedulerOptions>(SchedulerOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Why <paramref name="cron"/> cannot schedule anything: not a Quartz cron expression, or one that never fires
    /// (<c>0 0 0 30 2 ?</c>, February 30). Quartz would refuse its trigger only when the worker starts.
    /// </summary>
    /// <param name="cron">The expression.</param>
    /// <param name="zone">Its time zone.</param>
    /// <param name="what">What to call it in the message (the setting or the source).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The problem, or <see langword="null"/> when it fires.</returns>
    public static string? ScheduleProblem(string cron, TimeZoneInfo zone, string what, DateTimeOffset now)
    {
        CronExpression expression;
        try
        {
            expression = new CronExpression(cron, zone);
        }
        catch (FormatException ex)
        {
            return $"{what} '{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week): {ex.Message}";
        }

        return expression.GetNextValidTimeAfter(now) is null
            ? $"{what} '{cron}' never fires (no date matches it); fix the day, month or year fields"
            : null;
    }

    private sealed class SchedulerOptionsValidator(TimeProvider time) : IValidateOptions<SchedulerOptions>
    {
        public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
        {
            var problems = new List<string>();
            if (options.LeaseSeconds <= 0 || options.PollSeconds <= 0 || options.GracePeriodSeconds < 0 || options.ForeignHostWaitSeconds < 0 || options.WorkerConcurrency < 1 || options.MaxConcurrentSources < 1)
            {
                problems.Add("Scheduler: LeaseSeconds and PollSeconds > 0, GracePeriodSeconds and ForeignHostWaitSeconds >= 0, WorkerConcurrency and MaxConcurrentSources >= 1");
            }

            TimeZoneInfo? zone = null;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
            {
                problems.Add($"Scheduler:TimeZone '{options.TimeZone}' is not a known time zone");
            }

            if (zone is not null && ScheduleProblem(options.DefaultSchedule, zone, "Scheduler:DefaultSchedule", time.GetUtcNow()) is { } schedule)
            {
                problems.Add(schedule);
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
