using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling;
using ArticlePipeline.Output;
using ArticlePipeline.State;
using ArticlePipeline.Translation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The configuration of one command: <c>config/appsettings.json</c>, then environment variables
/// (<c>ARTICLEPIPELINE__Section__Key</c>), then the <c>--config</c> file on top, then command-line overrides.
/// </summary>
internal sealed class PipelineSettings
{
    public required IConfiguration Configuration { get; init; }

    public required string SourcesFile { get; init; }

    public required OutputOptions Output { get; init; }

    public required StateOptions State { get; init; }

    public required TranslatorOptions Translator { get; init; }

    public required NetworkOptions Network { get; init; }

    public required CrawlOptions Crawl { get; init; }

    public int MaxParallelSources => Crawl.MaxParallelSources;

    /// <summary>Loads and checks the settings.</summary>
    /// <param name="configFile">The <c>--config</c> file, if given.</param>
    /// <param name="outDirectory">The <c>--out</c> folder, if given.</param>
    /// <exception cref="UsageException">A file is missing or malformed, or a value is invalid.</exception>
    public static PipelineSettings Load(string? configFile, string? outDirectory)
    {
        var builder = new ConfigurationBuilder();
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

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new UsageException($"config file does not parse: {(ex.InnerException ?? ex).Message.Split('\n')[0]}", ex);
        }

        OutputOptions output = Bind<OutputOptions>(configuration, OutputOptions.SectionName);
        if (outDirectory is not null)
        {
            output.Directory = outDirectory;
        }

        TranslatorOptions translator = Bind<TranslatorOptions>(configuration, "Translator");
        if (translator.GlossaryFile is { Length: > 0 } glossary && !Path.IsPathRooted(glossary) && !File.Exists(glossary)
            && Path.Combine(AppContext.BaseDirectory, glossary) is var beside && File.Exists(beside))
        {
            // Like appsettings.json: the glossary shipped beside the binary when the working folder has none.
            translator.GlossaryFile = beside;
        }

        var settings = new PipelineSettings
        {
            Configuration = configuration,
            SourcesFile = configuration["Sources:File"] is { Length: > 0 } file ? file : Path.Combine("config", "sources.json"),
            Output = output,
            State = Bind<StateOptions>(configuration, StateOptions.SectionName),
            Translator = translator,
            Network = Bind<NetworkOptions>(configuration, NetworkOptions.SectionName),
            Crawl = Bind<CrawlOptions>(configuration, CrawlOptions.SectionName),
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Output.Directory))
        {
            problems.Add("Output:Directory is empty");
        }

        if (State.Provider is not ("sqlite" or "postgres"))
        {
            problems.Add($"State:Provider must be sqlite or postgres, not '{State.Provider}'");
        }

        if (Translator.Provider is not ("azure" or "none"))
        {
            problems.Add($"Translator:Provider must be azure or none, not '{Translator.Provider}'");
        }
        else if (Translator.Provider == "azure" && string.IsNullOrWhiteSpace(Translator.Key))
        {
            problems.Add("Translator:Provider is azure but Translator:Key is empty (set ARTICLEPIPELINE__Translator__Key)");
        }

        if (string.IsNullOrWhiteSpace(Network.UserAgent))
        {
            problems.Add("Network:UserAgent is empty; name the project and a contact");
        }

        // Ranges are checked here, before anything runs: a value out of range (MaxBodyBytes of gigabytes, no parallel
        // sources) would otherwise exhaust memory or stall a pass instead of being refused in one line.
        problems.AddRange(Network.Validate());
        problems.AddRange(Crawl.Validate());
        problems.AddRange(LogLevelProblems(Configuration.GetSection("Logging")));

        if (problems.Count > 0)
        {
            throw new UsageException("invalid configuration: " + string.Join("; ", problems));
        }
    }

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

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException($"invalid configuration in section {section}: {(ex.InnerException ?? ex).Message}", ex);
        }

        return options;
    }
}
