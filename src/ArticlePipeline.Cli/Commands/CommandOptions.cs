using System.CommandLine;

namespace ArticlePipeline.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommandOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "A JSON configuration file layered on top of config/appsettings.json and ARTICLEPIPELINE__* environment variables.",
        HelpName = "FILE",
    };

    public static Option<string?> Out() => new("--out")
    {
        Description = "Output folder for records and the manifest (overrides Output:Directory; default ./out).",
        HelpName = "DIR",
    };

    public static Option<bool> Wait() => new("--wait")
    {
        Description = "If another command is writing to the output folder, wait for it to finish instead of exiting with 2.",
    };
}
