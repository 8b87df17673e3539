using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArticlePipeline.Worker;

/// <summary>Registers what <c>article-pipeline run</c> adds to the pipeline: Quartz, source jobs, work items, health, metrics.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the scheduled worker over the stages already registered (the runner, the processor, discovery and the
    /// state store): one Quartz job per source, a local or clustered source crawler, the work-item worker when
    /// clustered, the health file and the metrics; SIGTERM and Ctrl+C stop it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Scheduler options, bound and checked by the caller, with <see cref="SchedulerOptions.HealthFile"/> resolved.</param>
    /// <param name="catalog">The configured sources.</param>
    /// <param name="quartzStore">Quartz job store connection string (SQLite file, or PostgreSQL when clustered).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleWorker(
        this IServiceCollection services,
        SchedulerOptions options,
        SourceCatalog catalog,
        string quartzStore)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        // A scheduled job may read a windows-1258 feed before any article page has been decoded.
        Core.Text.TextEncodings.EnsureRegistered();

        // SIGTERM and Ctrl+C stop the host (the console lifetime Host.CreateApplicationBuilder would add).
        services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(options.GracePeriodSeconds + 15));
        services.AddSingleton<PipelineMetrics>();
        if (options.Clustered)
        {
            services.AddSingleton<ClusterSourceCrawler>();
            services.AddSingleton<ISourceCrawler>(sp => sp.GetRequiredService<ClusterSourceCrawler>());
            services.AddHostedService<WorkItemWorker>();
        }
        else
        {
            services.AddSingleton<ISourceCrawler, LocalSourceCrawler>();
        }

        services.AddArticlePipelineScheduling(options, catalog, quartzStore);
        // One reporter: the hosted service writes the health file, /readyz asks the same checks.
        services.AddSingleton<HealthReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthReporter>());
        services.AddSingleton<Http.ReadinessProbe>();
        return services;
    }
}
