using ArticlePipeline.Core.Pipeline;
using System.ComponentModel.DataAnnotations;
using ArticlePipeline.Crawling;
using ArticlePipeline.Output;
using ArticlePipeline.Scheduling;
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

        var settings = new PipelineSettings
        {
            Configuration = configuration,
            SourcesFile = configuration["Sources:File"] is { Length: > 0 } file ? file : Path.Combine("config", "sources.json"),
            Output = output,
            State = Bind<StateOptions>(configuration, StateOptions.SectionName),
            Translator = Bind<TranslatorOptions>(configuration, TranslatorOptions.SectionName),
            Network = Bind<NetworkOptions>(configuration, NetworkOptions.SectionName),
            Crawl = Bind<CrawlOptions>(configuration, CrawlOptions.SectionName),
        };
        settings.Validate();
        return settings;
    }

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
    };

    private void Validate()
    {
        // A misspelled key would be ignored by the binder and leave the default in force without a word.
        var problems = new List<string>(ConfigurationKeys.Problems(Configuration, Sections));
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
        problems.AddRange(Annotated(Translator, TranslatorOptions.SectionName));
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

    /// <summary>The data-annotation ranges of <paramref name="options"/> (its own <c>Validate</c> where it has none).</summary>
    private static IEnumerable<string> Annotated(object options, string section)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
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

    /// <summary>The <c>Sources</c> section: where the sources file is.</summary>
    private sealed class SourcesSection
    {
        /// <summary>The sources file.</summary>
        public string? File { get; set; }
    }
}
