using System.CommandLine;
using ArticlePipeline.Cli.Commands;
using ArticlePipeline.Cli.Composition;

namespace ArticlePipeline.Cli;

/// <summary>The <c>article-pipeline</c> command line.</summary>
internal static class CliApplication
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand CreateRootCommand(CliContext context) =>
        new("article-pipeline: turns Vietnamese provincial newspaper articles into normalized JSON records in vi, uk, ru, ro and th.")
        {
            RerunCommand.Create(context),
            ExtractCommand.Create(context),
            CrawlCommand.Create(context),
            EvalCommand.Create(context),
            RunCommand.Create(context),
            TranslateCommand.Create(context),
            ValidateCommand.Create(context),
            ReprocessCommand.Create(context),
            MigrateCommand.Create(context),
        };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (0 ok, 1 some articles failed, 2 usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        RootCommand root = CreateRootCommand(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"error: {parse.Errors[0].Message} (see 'article-pipeline --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return 130;
        }
    }
}
