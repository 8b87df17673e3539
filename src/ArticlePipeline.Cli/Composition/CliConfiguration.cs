using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling;
using ArticlePipeline.Output;
using ArticlePipeline.Scheduling;
using ArticlePipeline.State;
using ArticlePipeline.Translation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The configuration layers of every command: <c>config/appsettings.json</c>, then environment variables
/// (<c>ARTICLEPIPELINE__Section__Key</c>), then the <c>--config</c> file, then <c>--out</c>. Keys are checked here,
/// once; values are checked by each stage's options validation when the host is built.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>Every section a command reads, with the class its keys bind to.</summary>
    internal static IReadOnlyDictionary<string, Type> Sections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["Sources"] = typeof(SourcesSection),
        [OutputOptions.SectionName] = typeof(OutputOptions),
        [StateOptions.SectionName] = typeof(StateOptions),
        [TranslatorOptions.SectionName] = typeof(TranslatorOptions),
        [NetworkOptions.SectionName] = typeof(NetworkOptions),
        [CrawlOptions.SectionName] = typeof(CrawlOptions),
        [SchedulerOptions.SectionName] = typeof(SchedulerOptions),
        [Worker.Http.ConsoleAccessOptions.SectionName] = typeof(ConsoleSection),
    };

    /// <summary>Adds the layers to <paramref name="builder"/> and checks every key in them.</summary>
    /// <param name="builder">The host's configuration.</param>
    /// <param name="configFile">The <c>--config</c> file, if given.</param>
    /// <param name="outDirectory">The <c>--out</c> folder, if given.</param>
    /// <exception cref="UsageException">A file is missing or malformed, a key is unknown or a log level invalid.</exception>
    public static void AddLayers(IConfigurationManager builder, string? configFile, string? outDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int before = builder.Sources.Count;
        try
        {
            string local = Path.GetFullPath(Path.Combine("config", "appsettings.json"));
            string shipped = Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json");
            builder.AddJsonFile(File.Exists(local) ? local : shipped, optional: true, reloadOnChange: false);
            builder.AddEnvironmentVariables("ARTICLEPIPELINE__");
            if (configFile is not null)
            {
                string full = Path.GetFullPath(configFile);
                if (!File.Exists(full))
                {
                    throw new UsageException($"config file not found: {full}");
                }

                builder.AddJsonFile(full, optional: false, reloadOnChange: false);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new UsageException($"config file does not parse: {(ex.InnerException ?? ex).Message.Split('\n')[0]}", ex);
        }

        if (outDirectory is not null)
        {
            builder.AddInMemoryCollection([new($"{OutputOptions.SectionName}:Directory", outDirectory)]);
        }

        // A misspelled key would be ignored by the binder and leave the default in force without a word. Only these
        // layers are checked: a web host's builder holds its own settings (applicationName, contentRoot) too.
        var layers = new ConfigurationBuilder();
        foreach (IConfigurationSource source in builder.Sources.Skip(before))
        {
            layers.Add(source);
        }

        IConfigurationRoot ours = layers.Build();
        var problems = new List<string>(ConfigurationKeys.Problems(ours, Sections));
        problems.AddRange(LogLevelProblems(ours.GetSection("Logging")));
        if (problems.Count > 0)
        {
            throw new UsageException("invalid configuration: " + string.Join("; ", problems));
        }
    }

    /// <summary>The sources file: <c>Sources:File</c>, else <c>config/sources.json</c>.</summary>
    public static string SourcesFile(IConfiguration configuration) =>
        configuration["Sources:File"] is { Length: > 0 } file ? file : Path.Combine("config", "sources.json");

    /// <summary>
    /// The <c>Logging:LogLevel:*</c> and <c>Logging:{provider}:LogLevel:*</c> values that are not log levels; the logging
    /// library would throw on them when the first logger is made, after work has started.
    /// </summary>
    private static IEnumerable<string> LogLevelProblems(IConfigurationSection logging)
    {
        IEnumerable<IConfigurationSection> levels = logging.GetSection("LogLevel").GetChildren()
            .Concat(logging.GetChildren().SelectMany(provider => provider.GetSection("LogLevel").GetChildren()));
        foreach (IConfigurationSection level in levels)
        {
            if (!string.IsNullOrEmpty(level.Value) &&
                !(Enum.TryParse(level.Value, ignoreCase: true, out LogLevel parsed) && Enum.IsDefined(parsed)))
            {
                yield return $"{level.Path} '{level.Value}' is not a log level (Trace, Debug, Information, Warning, Error, Critical or None)";
            }
        }
    }

    /// <summary>
    /// The <c>Console</c> section: the access token (<see cref="Worker.Http.ConsoleAccessOptions"/>, read by the HTTP
    /// side) and the console's own settings (<see cref="OperatorConsole.OperatorConsoleOptions"/>).
    /// </summary>
    private sealed class ConsoleSection
    {
        /// <summary>See <see cref="Worker.Http.ConsoleAccessOptions.AccessToken"/>.</summary>
        public string? AccessToken { get; set; }

        /// <summary>See <see cref="OperatorConsole.OperatorConsoleOptions.MonthlyCharacterBudget"/>.</summary>
        public long MonthlyCharacterBudget { get; set; }

        /// <summary>See <see cref="OperatorConsole.OperatorConsoleOptions.PageSize"/>.</summary>
        public int PageSize { get; set; }
    }

    /// <summary>The <c>Sources</c> section: where the sources file is.</summary>
    private sealed class SourcesSection
    {
        /// <summary>The sources file.</summary>
        public string? File { get; set; }
    }
}
