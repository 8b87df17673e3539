using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>rerun URL</c>: fetch, extract, normalize, translate and write one article now.</summary>
internal static class RerunCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Argument<string>("URL") { Description = "The article's http(s) URL; it need not belong to a configured source." };
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        var force = new Option<bool>("--force") { Description = "Rewrite the record even if nothing changed (bumps nothing, logs a 'rewritten' manifest line)." };
        Option<bool> wait = CommandOptions.Wait();
        var command = new Command("rerun", "Re-fetch, re-extract and re-translate one article now, and print the record's path.")
        {
            url, config, output, force, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            string text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? target) || target.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"not an http(s) URL: {text}");
            }

            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error);
            await using (pipeline.ConfigureAwait(false))
            {
                using OutputLock folder = await OutputLock.AcquireAsync(pipeline.OutputDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
                await pipeline.OpenStateAsync().ConfigureAwait(false);
                SourceDefinition? source = pipeline.LoadSources(required: false).FindByHost(target);
                ArticleOutcome outcome = await pipeline.Processor
                    .ProcessAsync(target, source, new ProcessOptions(Force: parse.GetValue(force), Conditional: false), ct)
                    .ConfigureAwait(false);
                return context.Report(outcome);
            }
        }));
        return command;
    }
}
