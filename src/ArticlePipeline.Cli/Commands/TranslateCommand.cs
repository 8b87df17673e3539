using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Extraction.Credits;
using ArticlePipeline.State;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>translate --pending</c>: fills in the languages left pending by earlier runs.</summary>
internal static class TranslateCommand
{
    public static Command Create(CliContext context)
    {
        var pending = new Option<bool>("--pending") { Description = "Translate the languages marked pending in records already written (required)." };
        var limit = new Option<int>("--limit") { Description = "Most records handled in this run (default: all).", HelpName = "N", DefaultValueFactory = _ => int.MaxValue };
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        Option<bool> wait = CommandOptions.Wait();
        var command = new Command("translate", "Fill in pending languages of records already written, a new revision each; prints characters billed and saved by the translation memory.")
        {
            pending, limit, config, output, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            if (!parse.GetValue(pending))
            {
                throw new UsageException("translate needs --pending");
            }

            int max = parse.GetValue(limit);
            if (max < 1)
            {
                throw new UsageException("--limit must be at least 1");
            }

            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error);
            await using (pipeline.ConfigureAwait(false))
            {
                using OutputLock folder = await OutputLock.AcquireAsync(pipeline.OutputDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
                IPipelineStateStore state = await pipeline.OpenStateAsync().ConfigureAwait(false);
                if (pipeline.Translator is null)
                {
                    throw new UsageException("no translator configured: set Translator:Provider=azure and Translator:Key");
                }

                var runner = new PendingTranslationRunner(pipeline.Translator, pipeline.Sink, state, upgrade: RecordUpgrade.ToCurrent);
                PendingTranslationSummary summary = await runner.RunAsync(max, cancellationToken: ct).ConfigureAwait(false);
                await context.Output.WriteLineAsync(summary.ToString()).ConfigureAwait(false);
                if (summary.Failure is not null)
                {
                    await context.Error.WriteLineAsync($"error: translation stopped, the rest stays pending: {summary.Failure}").ConfigureAwait(false);
                    return ExitCodes.SomeFailed;
                }

                if (summary.Refused > 0)
                {
                    await context.Error.WriteLineAsync($"error: {summary.Refused} translation(s) refused (the answer failed the checks after one retry, or contained a configured secret); those languages are recorded as failed and stay listed for the next run (see the records' reasons)").ConfigureAwait(false);
                    return ExitCodes.SomeFailed;
                }

                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
