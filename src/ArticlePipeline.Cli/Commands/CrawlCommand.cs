using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>crawl --once</c>: one discovery and fetch pass over the configured sources.</summary>
internal static class CrawlCommand
{
    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Run one pass and exit (required; the scheduled worker is 'run')." };
        var sourceId = new Option<string?>("--source") { Description = "Crawl only the source with this id.", HelpName = "ID" };
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        Option<bool> wait = CommandOptions.Wait();
        var command = new Command("crawl", "Discover and fetch new articles of the configured sources once, write their records, and print a summary.")
        {
            once, sourceId, config, output, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            if (!parse.GetValue(once))
            {
                throw new UsageException("crawl needs --once (for the scheduled worker use 'run')");
            }

            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error);
            await using (pipeline.ConfigureAwait(false))
            {
                using OutputLock folder = await OutputLock.AcquireAsync(pipeline.OutputDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
                await pipeline.OpenStateAsync().ConfigureAwait(false);
                SourceCatalog catalog = pipeline.LoadSources(required: true);
                List<SourceDefinition> sources = [.. catalog.Sources];
                if (parse.GetValue(sourceId) is { } id)
                {
                    sources = sources.Where(s => s.Id == id).ToList();
                    if (sources.Count == 0)
                    {
                        throw new UsageException($"no source with id '{id}' in {pipeline.SourcesFile}");
                    }
                }

                // With telemetry on, the pass counts on the ArticlePipeline meter as the worker's jobs do, as it goes.
                PipelineMetrics? metrics = pipeline.Services.GetService<PipelineMetrics>();
                CrawlSummary summary = await CrawlProgressDisplay
                    .RunAsync(context.Output, progress => pipeline.Runner.RunAsync(sources, pipeline.Crawl.MaxParallelSources, Counted(progress, metrics), CancellationToken.None, ct, metrics))
                    .ConfigureAwait(false);
                foreach (string line in summary.ToLines())
                {
                    // Problem lines quote URLs and messages from the sites' own feeds and answers.
                    await context.Output.WriteLineAsync(UntrustedText.Clean(line, 2000)).ConfigureAwait(false);
                }

                await context.Output.WriteLineAsync($"records in {Path.GetFullPath(pipeline.OutputDirectory)}").ConfigureAwait(false);
                // A pass whose every source was refused did nothing: that is a failure, not an empty success.
                return summary.Failed == 0 && summary.Stopped is null && !summary.EveryDiscoveryFailed ? ExitCodes.Success : ExitCodes.SomeFailed;
            }
        }));
        return command;
    }

    private static IProgress<ArticleOutcome> Counted(IProgress<ArticleOutcome> display, PipelineMetrics? metrics) =>
        metrics is null ? display : new CountedProgress(display, metrics);

    /// <summary>Shows each outcome and counts it on the meter, on the reporting thread.</summary>
    private sealed class CountedProgress(IProgress<ArticleOutcome> display, PipelineMetrics metrics) : IProgress<ArticleOutcome>
    {
        public void Report(ArticleOutcome value)
        {
            metrics.Processed(value);
            display.Report(value);
        }
    }
}
