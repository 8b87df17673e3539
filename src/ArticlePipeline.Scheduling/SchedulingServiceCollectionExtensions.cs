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
            q.UseDefaultThreadPool(PoolSize(options, catalog));
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

    /// <summary>
    /// Source jobs run at once: <see cref="SchedulerOptions.MaxConcurrentSources"/>; clustered, where a job only queues its
    /// source's discovery (two statements), as many as there are sources up to <see cref="ClusteredPoolCap"/>.
    /// </summary>
    /// <remarks>
    /// Quartz takes as many due triggers per look at its store as its pool has room for. With four, a node fired twelve
    /// sources due at one moment in three rounds, each waiting for the last round's jobs, which spread their hosts' first
    /// requests over most of a second; the cap keeps a thousand sources from asking for a thousand connections at once.
    /// </remarks>
    /// <param name="options">Scheduler options.</param>
    /// <param name="catalog">The configured sources.</param>
    /// <returns>The pool's size.</returns>
    internal static int PoolSize(SchedulerOptions options, SourceCatalog catalog) =>
        options.Clustered
            ? Math.Max(Math.Max(1, options.MaxConcurrentSources), Math.Min(catalog.Sources.Count, ClusteredPoolCap))
            : Math.Max(1, options.MaxConcurrentSources);

    /// <summary>The most source jobs a clustered node runs at once unless <see cref="SchedulerOptions.MaxConcurrentSources"/> says more.</summary>
    internal const int ClusteredPoolCap = 32;

    /// <summary>This node's instance id: configured, or host name and process id.</summary>
    /// <param name="options">Scheduler options.</param>
    /// <returns>The id.</returns>
    public static string InstanceId(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : options.InstanceId;
    }
}
