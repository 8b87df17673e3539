using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using ArticlePipeline.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>run</c>: the scheduled worker, until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        Option<bool> wait = CommandOptions.Wait();
        var command = new Command(
            "run",
            "Run the scheduled worker until stopped (SIGTERM or Ctrl+C): every source crawled on its cron by Quartz.NET. With Scheduler:Clustered=true and State:Provider=postgres, several workers share the work.")
        {
            config, output, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            PipelineSettings settings = PipelineSettings.Load(parse.GetValue(config), parse.GetValue(output));
            var options = new SchedulerOptions();
            try
            {
                settings.Configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                throw new UsageException($"invalid configuration in section {SchedulerOptions.SectionName}: {(ex.InnerException ?? ex).Message}", ex);
            }

            Validate(options, settings);
            TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
            CheckSchedule(options.DefaultSchedule, zone, "Scheduler:DefaultSchedule");

            // Cluster workers share the output folder on purpose and coordinate through PostgreSQL.
            using OutputLock? folder = options.Clustered
                ? null
                : await OutputLock.AcquireAsync(settings.Output.Directory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
            Pipeline pipeline = await Pipeline.CreateAsync(settings, context.Error, ct, logArticles: true).ConfigureAwait(false);
            await using (pipeline.ConfigureAwait(false))
            {
                SourceCatalog catalog = pipeline.LoadSources(required: true);
                pipeline.ApplySourceLimits(catalog);
                foreach (SourceDefinition source in catalog.Sources)
                {
                    if (!string.IsNullOrWhiteSpace(source.Schedule))
                    {
                        CheckSchedule(source.Schedule, zone, $"source '{source.Id}': schedule");
                    }
                }

                string stateFolder = Path.Combine(pipeline.Sink.Root, "state");
                Directory.CreateDirectory(stateFolder);
                string quartzStore = options.Clustered
                    ? settings.State.ConnectionString!
                    : $"Data Source={Path.Combine(stateFolder, "quartz.db")}";
                string instance = SchedulingServiceCollectionExtensions.InstanceId(options);
                var paths = new WorkerPaths(string.IsNullOrWhiteSpace(options.HealthFile)
                    ? Path.Combine(stateFolder, $"health-{instance}.json")
                    : options.HealthFile);
                var components = new WorkerComponents(catalog, pipeline.Runner, pipeline.Processor, pipeline.Discovery, pipeline.State, pipeline.State);
                using IHost host = WorkerHost.Build(components, options, quartzStore, paths, logging =>
                {
                    logging.AddConfiguration(settings.Configuration.GetSection("Logging"));
                    // One line per article and per source run unless configured otherwise; Quartz's own chatter stays quiet.
                    logging.AddFilter("ArticlePipeline", LogLevel.Information);
                    logging.AddFilter("Quartz", LogLevel.Warning);
                    logging.AddProvider(new TextWriterLoggerProvider(context.Error));
                });
                await context.Error.WriteLineAsync($"info: worker {instance} running {catalog.Sources.Count} sources ({(options.Clustered ? "clustered on PostgreSQL" : "embedded SQLite")}); stop with SIGTERM or Ctrl+C").ConfigureAwait(false);
                try
                {
                    await host.RunAsync(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Stopped by Ctrl+C.
                }

                await context.Error.WriteLineAsync($"info: worker {instance} stopped").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    /// <summary>
    /// Refuses a schedule that is not a Quartz cron expression, or one that never fires (<c>0 0 0 30 2 ?</c>, February 30):
    /// Quartz would refuse its trigger only when the worker starts, after the state and the scheduler are open.
    /// </summary>
    private static void CheckSchedule(string cron, TimeZoneInfo zone, string what)
    {
        Quartz.CronExpression expression;
        try
        {
            expression = new Quartz.CronExpression(cron, zone);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{what} '{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week): {ex.Message}", ex);
        }

        if (expression.GetNextValidTimeAfter(TimeProvider.System.GetUtcNow()) is null)
        {
            throw new UsageException($"{what} '{cron}' never fires (no date matches it); fix the day, month or year fields");
        }
    }

    private static void Validate(SchedulerOptions options, PipelineSettings settings)
    {
        if (options.Clustered && settings.State.Provider != "postgres")
        {
            throw new UsageException("Scheduler:Clustered=true needs State:Provider=postgres and State:ConnectionString");
        }

        if (options.LeaseSeconds <= 0 || options.PollSeconds <= 0 || options.GracePeriodSeconds < 0 || options.WorkerConcurrency < 1 || options.MaxConcurrentSources < 1)
        {
            throw new UsageException("invalid configuration in section Scheduler: LeaseSeconds and PollSeconds > 0, GracePeriodSeconds >= 0, WorkerConcurrency and MaxConcurrentSources >= 1");
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new UsageException($"Scheduler:TimeZone '{options.TimeZone}' is not a known time zone", ex);
        }
    }
}
