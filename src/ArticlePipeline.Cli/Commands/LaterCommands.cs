using System.CommandLine;
using ArticlePipeline.Cli.Composition;

namespace ArticlePipeline.Cli.Commands;

/// <summary>
/// Commands whose behaviour is planned but not built yet. They parse their arguments and exit with 2 and a
/// one-line reason, so scripts written against the documented interface fail loudly, never silently.
/// </summary>
internal static class LaterCommands
{
    public static Command Run(CliContext context)
    {
        Option<string?> config = CommandOptions.Config();
        var command = new Command("run", "Run the scheduled worker (Quartz.NET) until stopped: every source on its cron. Not available yet.") { config };
        command.SetAction((_, _) => NotYet(context, "run: the scheduled worker is not available in this version yet; schedule 'crawl --once' with cron or a systemd timer meanwhile"));
        return command;
    }

    private static Task<int> NotYet(CliContext context, string message) =>
        context.RunAsync(() => throw new UsageException(message));
}
