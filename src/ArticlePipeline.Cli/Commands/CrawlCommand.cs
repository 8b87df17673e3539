using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Text;

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

            PipelineSettings settings = PipelineSettings.Load(parse.GetValue(config), parse.GetValue(output));
            using OutputLock folder = await OutputLock.AcquireAsync(settings.Output.Directory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
            Pipeline pipeline = await Pipeline.CreateAsync(settings, context.Error, ct).ConfigureAwait(false);
            await using (pipeline.ConfigureAwait(false))
            {
                SourceCatalog catalog = pipeline.LoadSources(required: true);
                List<SourceDefinition> sources = [.. catalog.Sources];
                if (parse.GetValue(sourceId) is { } id)
                {
                    sources = sources.Where(s => s.Id == id).ToList();
                    if (sources.Count == 0)
                    {
                        throw new UsageException($"no source with id '{id}' in {settings.SourcesFile}");
                    }
                }

                CrawlSummary summary = await CrawlProgressDisplay
                    .RunAsync(context.Output, progress => pipeline.Runner.RunAsync(sources, settings.MaxParallelSources, progress, ct))
                    .ConfigureAwait(false);
                foreach (string line in summary.ToLines())
                {
                    // Problem lines quote URLs and messages from the sites' own feeds and answers.
                    await context.Output.WriteLineAsync(UntrustedText.Clean(line, 2000)).ConfigureAwait(false);
                }

                await context.Output.WriteLineAsync($"records in {Path.GetFullPath(settings.Output.Directory)}").ConfigureAwait(false);
                return summary.Failed == 0 && summary.Stopped is null ? ExitCodes.Success : ExitCodes.SomeFailed;
            }
        }));
        return command;
    }
}
