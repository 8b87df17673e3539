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

    public static Command Translate(CliContext context)
    {
        var pending = new Option<bool>("--pending") { Description = "Translate the languages marked pending in existing records." };
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        var command = new Command("translate", "Fill in pending languages of records already written. Not available yet.") { pending, config, output };
        command.SetAction((_, _) => NotYet(context, "translate: filling pending languages later is not available in this version yet; 'rerun URL' with a translator configured translates one article"));
        return command;
    }

    private static Task<int> NotYet(CliContext context, string message) =>
        context.RunAsync(() => throw new UsageException(message));
}
