using System.Text.Json;
using ArticlePipeline.Cli;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests;

/// <summary>Runs the real command line in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CliApplication.RunAsync(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Writes a configuration file layered on top of the defaults and returns its path.</summary>
    public static string WriteConfig(TempDirectory folder, object settings)
    {
        string path = folder.Combine("appsettings.test.json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    /// <summary>
    /// Writes <paramref name="name"/>: <paramref name="settings"/> plus the network settings a loopback site needs
    /// (private addresses allowed, no delay between requests), and returns its path.
    /// </summary>
    public static string WriteLoopbackConfig(TempDirectory folder, string name, object settings)
    {
        string path = folder.Combine(name);
        using JsonDocument network = JsonDocument.Parse(JsonSerializer.Serialize(new { Network = new { AllowPrivateAddresses = true, DelaySeconds = 0 } }));
        using JsonDocument rest = JsonDocument.Parse(JsonSerializer.Serialize(settings));
        var merged = network.RootElement.EnumerateObject().Concat(rest.RootElement.EnumerateObject()).ToDictionary(p => p.Name, p => p.Value);
        File.WriteAllText(path, JsonSerializer.Serialize(merged));
        return path;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
