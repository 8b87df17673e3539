using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using ArticlePipeline.Worker;
using ArticlePipeline.State;
using ArticlePipeline.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>run</c>: the scheduled worker, until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        Option<bool> wait = CommandOptions.Wait();
        Option<string?> http = new("--http")
        {
            Description = "Serve /healthz, /readyz, /metrics (Prometheus) and the operator console on ADDRESS:PORT, e.g. 127.0.0.1:9464 (off by default). An address other than loopback needs Console:AccessToken.",
            HelpName = "ADDRESS:PORT",
        };
        var command = new Command(
            "run",
            "Run the scheduled worker until stopped (SIGTERM or Ctrl+C): every source crawled on its cron by Quartz.NET. With Scheduler:Clustered=true and State:Provider=postgres, several workers share the work.")
        {
            config, output, wait, http,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            // The settings first, bound and checked as every command's are; then the host with the worker on top of
            // the same stages (Quartz needs its store and pool sizes when it is registered).
            HttpBinding? binding = parse.GetValue(http) is { } address ? OperatorHttpHost.Parse(address) : null;
            SchedulerOptions options;
            StateOptions state;
            string outputRoot;
            CliHost settings = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error, configure: (services, _) => services.AddArticleSchedulerOptions());
            await using (settings.ConfigureAwait(false))
            {
                options = settings.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value;
                state = settings.Services.GetRequiredService<IOptions<StateOptions>>().Value;
                outputRoot = settings.Sink.Root;
                if (binding is not null)
                {
                    OperatorHttpHost.CheckAccess(binding, settings.Configuration[$"{ConsoleAccessOptions.SectionName}:{nameof(ConsoleAccessOptions.AccessToken)}"]);
                }
            }

            if (options.Clustered && !string.Equals(state.Provider, StateOptions.Postgres, StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException("Scheduler:Clustered=true needs State:Provider=postgres and State:ConnectionString");
            }

            string stateFolder = Path.Combine(outputRoot, "state");
            string instance = SchedulingServiceCollectionExtensions.InstanceId(options);
            string quartzStore = options.Clustered ? state.ConnectionString! : $"Data Source={Path.Combine(stateFolder, "quartz.db")}";
            if (string.IsNullOrWhiteSpace(options.HealthFile))
            {
                options.HealthFile = Path.Combine(stateFolder, $"health-{instance}.json");
            }

            SourceCatalog? catalog = null;
            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error, logArticles: true, configure: (services, configuration) =>
            {
                catalog = LoadCatalog(CliConfiguration.SourcesFile(configuration), options);
                services.AddArticleSchedulerOptions();

                // Started first (hosted services start in order): the article path is ready before any host is taken.
                services.AddHostedService<ArticlePathWarmUp>();
                services.AddArticleWorker(options, catalog, quartzStore);
            }, binding);
            await using (pipeline.ConfigureAwait(false))
            {
                // Cluster workers share the output folder on purpose and coordinate through PostgreSQL.
                using OutputLock? folder = options.Clustered
                    ? null
                    : await OutputLock.AcquireAsync(pipeline.OutputDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
                await pipeline.OpenStateAsync().ConfigureAwait(false);
                Directory.CreateDirectory(stateFolder);
                pipeline.ApplySourceLimits(catalog!);
                await context.Error.WriteLineAsync($"info: worker {instance} running {catalog!.Sources.Count} sources ({(options.Clustered ? "clustered on PostgreSQL" : "embedded SQLite")}); stop with SIGTERM or Ctrl+C").ConfigureAwait(false);
                try
                {
                    await pipeline.RunAsync(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Stopped by Ctrl+C.
                }
                catch (IOException ex) when (binding is not null && !pipeline.Started)
                {
                    // Kestrel could not bind (address in use, not this machine's): nothing ran.
                    throw new UsageException($"--http {binding}: cannot listen: {ex.Message}", ex);
                }

                await context.Error.WriteLineAsync($"info: worker {instance} stopped").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    /// <summary>Loads the sources file (required) and checks every source's own schedule as the default one is checked.</summary>
    private static SourceCatalog LoadCatalog(string sourcesFile, SchedulerOptions options)
    {
        SourceCatalog catalog;
        try
        {
            catalog = SourceCatalogLoader.Load(sourcesFile);
        }
        catch (SourceCatalogException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        foreach (SourceDefinition source in catalog.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Schedule)))
        {
            if (SchedulerOptionsServiceCollectionExtensions.ScheduleProblem(source.Schedule!, zone, $"source '{source.Id}': schedule", TimeProvider.System.GetUtcNow()) is { } problem)
            {
                throw new UsageException(problem);
            }
        }

        return catalog;
    }
}
