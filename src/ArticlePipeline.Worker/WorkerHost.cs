using ArticlePipeline.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker;

/// <summary>Builds the Generic Host of <c>article-pipeline run</c>: Quartz, source jobs, work items, health, metrics.</summary>
public static class WorkerHost
{
    /// <summary>Creates the host; run it until SIGTERM or Ctrl+C.</summary>
    /// <param name="components">The pipeline stages.</param>
    /// <param name="options">Scheduler options.</param>
    /// <param name="quartzStore">Quartz job store connection string (SQLite file, or PostgreSQL when clustered).</param>
    /// <param name="paths">Files the worker writes.</param>
    /// <param name="configureLogging">Adds the logging providers.</param>
    /// <returns>The host, not started.</returns>
    public static IHost Build(
        WorkerComponents components,
        SchedulerOptions options,
        string quartzStore,
        WorkerPaths paths,
        Action<ILoggingBuilder> configureLogging)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(options);
        // A scheduled job may read a windows-1258 feed before any article page has been decoded.
        Core.Text.TextEncodings.EnsureRegistered();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        configureLogging(builder.Logging);
        // SIGTERM and Ctrl+C stop the host (the console lifetime Host.CreateApplicationBuilder would add).
        builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(options.GracePeriodSeconds + 15));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(components.Runner);
        builder.Services.AddSingleton(components.Processor);
        builder.Services.AddSingleton(components.Discovery);
        builder.Services.AddSingleton(components.State);
        builder.Services.AddSingleton(components.Work);
        builder.Services.AddSingleton<PipelineMetrics>();
        if (options.Clustered)
        {
            builder.Services.AddSingleton<ISourceCrawler, ClusterSourceCrawler>();
            builder.Services.AddHostedService<WorkItemWorker>();
        }
        else
        {
            builder.Services.AddSingleton<ISourceCrawler, LocalSourceCrawler>();
        }

        builder.Services.AddArticlePipelineScheduling(options, components.Catalog, quartzStore);
        builder.Services.AddHostedService<HealthReporter>();
        return builder.Build();
    }
}
