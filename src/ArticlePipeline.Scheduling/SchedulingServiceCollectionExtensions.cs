using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ArticlePipeline.Scheduling;

/// <summary>Registers the Quartz scheduler of <c>article-pipeline run</c>.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Adds Quartz with its job store (SQLite file, or clustered PostgreSQL), one job per source, and the hosted
    /// service that starts it and waits for running jobs on shutdown.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Scheduler options.</param>
    /// <param name="catalog">The configured sources.</param>
    /// <param name="store">Where the job store lives: a SQLite connection string, or PostgreSQL's when clustered.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticlePipelineScheduling(
        this IServiceCollection services,
        SchedulerOptions options,
        SourceCatalog catalog,
        string store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        services.AddSingleton(options);
        services.AddSingleton(catalog);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "ArticlePipeline";
                s.InstanceId = InstanceId(options);

                // On shutdown the scheduler waits for running jobs and signals them to stop, so a source pass
                // ends between articles instead of running to its end.
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UseDefaultThreadPool(Math.Max(1, options.MaxConcurrentSources));
            q.UsePersistentStore(s =>
            {
                if (options.Clustered)
                {
                    s.UsePostgres(store);
                    s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(options.CheckinIntervalSeconds));
                }
                else
                {
                    s.UseSqlite(store);
                }

                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<SourceScheduleRegistrar>();
        return services;
    }

    /// <summary>This node's instance id: configured, or host name and process id.</summary>
    /// <param name="options">Scheduler options.</param>
    /// <returns>The id.</returns>
    public static string InstanceId(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : options.InstanceId;
    }
}
