using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling;
using ArticlePipeline.Crawling.Composition;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Extraction.Composition;
using ArticlePipeline.Output;
using ArticlePipeline.Output.Composition;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State;
using ArticlePipeline.State.Composition;
using ArticlePipeline.Translation;
using ArticlePipeline.Translation.Composition;
using ArticlePipeline.Worker.Http;
using ArticlePipeline.Worker.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The one composition of every command: a Generic Host over the configuration layers, each stage registered by its
/// own <c>AddArticle...</c> call, options bound and validated once when it is built, one logger factory and one clock.
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TextWriter _log;

    private volatile bool _started;

    private CliHost(IHost host, TextWriter log)
    {
        _host = host;
        _log = log;

        // Remembered here: a host that failed to start is disposed by RunAsync, and its services with it.
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => _started = true);
    }

    /// <summary>The container.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The merged configuration.</summary>
    public IConfiguration Configuration => Services.GetRequiredService<IConfiguration>();

    /// <summary>The output folder (<c>Output:Directory</c>, or <c>--out</c>).</summary>
    public string OutputDirectory => Services.GetRequiredService<IOptions<OutputOptions>>().Value.Directory;

    /// <summary>The sources file.</summary>
    public string SourcesFile => CliConfiguration.SourcesFile(Configuration);

    /// <summary>The <c>Crawl</c> section.</summary>
    public CrawlOptions Crawl => Services.GetRequiredService<IOptions<CrawlOptions>>().Value;

    /// <summary>The <c>Network</c> section.</summary>
    public NetworkOptions Network => Services.GetRequiredService<IOptions<NetworkOptions>>().Value;

    /// <summary>The JSON sink.</summary>
    public JsonRecordSink Sink => Services.GetRequiredService<JsonRecordSink>();

    /// <summary>One article end to end.</summary>
    public ArticleProcessor Processor => Services.GetRequiredService<ArticleProcessor>();

    /// <summary>One pass over sources.</summary>
    public CrawlRunner Runner => Services.GetRequiredService<CrawlRunner>();

    /// <summary>The configured translator, or <see langword="null"/>.</summary>
    public ITranslationProvider? Translator => Services.GetRequiredService<ConfiguredTranslator>().Provider;

    /// <summary>
    /// Builds the host: configuration layers and key checks, every stage, logging to <paramref name="log"/>, then
    /// every section's validation. Nothing is opened yet; the state store opens with <see cref="OpenStateAsync"/>.
    /// </summary>
    /// <param name="configFile">The <c>--config</c> file, if given.</param>
    /// <param name="outDirectory">The <c>--out</c> folder, if given.</param>
    /// <param name="log">Where log lines and warnings go (stderr).</param>
    /// <param name="logArticles">Log one line per article (the worker).</param>
    /// <param name="configure">What a command adds (the worker's scheduler), given the validated configuration.</param>
    /// <param name="http">
    /// Where <c>run --http</c> listens: the host is then a Kestrel web application over the same container, serving
    /// the operations endpoints and the console (see <see cref="OperatorHttpHost"/>).
    /// </param>
    /// <returns>The host.</returns>
    /// <exception cref="UsageException">The configuration is invalid: one line naming each key.</exception>
    public static CliHost Create(
        string? configFile,
        string? outDirectory,
        TextWriter log,
        bool logArticles = false,
        Action<IServiceCollection, IConfiguration>? configure = null,
        HttpBinding? http = null)
    {
        // One container either way: with --http the web application's builder is the host builder, so the endpoints
        // resolve the run's own state store, catalog and options.
        WebApplicationBuilder? web = http is null ? null : WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "article-pipeline" });
        IHostApplicationBuilder builder = web is not null ? web : Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        CliConfiguration.AddLayers(builder.Configuration, configFile, outDirectory);
        PipelineTelemetry.AddOtelEnvironment(builder.Configuration);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (logArticles)
        {
            // The worker logs one line per article outcome and source run; Quartz's own chatter stays quiet.
            builder.Logging.AddFilter("ArticlePipeline", LogLevel.Information);
            builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        }

        builder.Services.AddSingleton<ILoggerProvider>(sp => new TextWriterLoggerProvider(log, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddArticlePipelineCore();
        builder.Services.AddArticleCrawling();
        builder.Services.AddArticleExtraction();
        builder.Services.AddArticleOutput();
        builder.Services.AddArticleState(sp => sp.GetRequiredService<JsonRecordSink>().Root);
        builder.Services.AddArticleTranslation();
        builder.Services.PostConfigure<TranslatorOptions>(translator =>
        {
            // Like appsettings.json: the glossary shipped beside the binary when the working folder has none.
            if (translator.GlossaryFile is { Length: > 0 } glossary && !Path.IsPathRooted(glossary) && !File.Exists(glossary)
                && Path.Combine(AppContext.BaseDirectory, glossary) is var beside && File.Exists(beside))
            {
                translator.GlossaryFile = beside;
            }
        });
        builder.Services.AddSingleton(sp => new ConfiguredSecrets(SecretsBesidesTheKey(
            sp.GetRequiredService<IOptions<StateOptions>>().Value,
            sp.GetRequiredService<IOptions<NetworkOptions>>().Value)));
        configure?.Invoke(builder.Services, builder.Configuration);
        if (http is not null)
        {
            OperatorHttpHost.AddServices(builder.Services, builder.Configuration);
        }

        bool telemetry = builder.Services.AddArticleTelemetry(builder.Configuration, prometheus: http is not null, 
            Scheduling.SchedulingServiceCollectionExtensions.InstanceId(new Scheduling.SchedulerOptions { InstanceId = builder.Configuration["Scheduler:InstanceId"] }));
        IHost host = web is not null ? OperatorHttpHost.Build(web, http!, log) : ((HostApplicationBuilder)builder).Build();
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            host.Dispose();
            throw new UsageException("invalid configuration: " + string.Join("; ", Failures(ex)), ex);
        }

        if (telemetry)
        {
            PipelineTelemetry.Start(host.Services);
        }

        return new CliHost(host, log);
    }

    /// <summary>
    /// Opens the state store (SQLite under the output folder, or PostgreSQL), warning once when PostgreSQL leaves this
    /// machine without TLS. Take the output lock first.
    /// </summary>
    /// <returns>The store.</returns>
    /// <exception cref="UsageException">The store cannot be opened (the message never includes the connection string).</exception>
    /// <exception cref="StorageFullException">The disk under the store is full.</exception>
    public async Task<IPipelineStateStore> OpenStateAsync()
    {
        StateOptions options = Services.GetRequiredService<IOptions<StateOptions>>().Value;
        if (string.Equals(options.Provider, StateOptions.Postgres, StringComparison.OrdinalIgnoreCase) &&
            PostgresSslCheck.Warning(options.ConnectionString) is { } unencrypted)
        {
            await _log.WriteLineAsync(unencrypted).ConfigureAwait(false);
        }

        try
        {
            return Services.GetRequiredService<IPipelineStateStore>();
        }
        catch (Exception ex) when (StorageFullGuard.IsFull(ex))
        {
            throw new StorageFullException($"cannot open the {options.Provider} state store: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException
            or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new UsageException($"cannot open the {options.Provider} state store: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Registers every source's politeness overrides with the fetcher. Discovery does this for the sources it
    /// crawls; a cluster worker that only processes work items must do it up front.
    /// </summary>
    public void ApplySourceLimits(SourceCatalog catalog)
    {
        Services.GetRequiredService<SourceDirectory>().Use(catalog);
        IDiscoveryHosts hosts = Services.GetRequiredService<IDiscoveryHosts>();
        foreach (SourceDefinition source in catalog.Sources)
        {
            hosts.ApplySourceLimits(source);
        }
    }

    /// <summary>Loads the sources file; a missing file is an empty catalog only when <paramref name="required"/> is false.</summary>
    public SourceCatalog LoadSources(bool required)
    {
        if (!required && !File.Exists(SourcesFile))
        {
            return new SourceCatalog();
        }

        try
        {
            SourceCatalog catalog = SourceCatalogLoader.Load(SourcesFile);
            Services.GetRequiredService<SourceDirectory>().Use(catalog);
            return catalog;
        }
        catch (SourceCatalogException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>Whether the host has started (every hosted service and, with <c>--http</c>, Kestrel).</summary>
    public bool Started => _started;

    /// <summary>Runs the host until SIGTERM, Ctrl+C or <paramref name="cancellationToken"/> (the worker).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _host.RunAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The container disposes the stages it built: fetcher, sink, state store, translator.
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>The lines of an options validation failure, or of a value the binder could not convert.</summary>
    private static IEnumerable<string> Failures(Exception ex) => ex switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [BindingFailure(ex)],
    };

    /// <summary>
    /// "Failed to convert configuration value 'many' at 'Crawl:MaxParallelSources' to type 'System.Int32'." becomes a
    /// line naming the section first, as every other configuration problem does.
    /// </summary>
    private static string BindingFailure(Exception ex)
    {
        string message = (ex.InnerException is { } inner ? ex.Message + " " + inner.Message : ex.Message).Split('\n')[0];
        System.Text.RegularExpressions.Match at = System.Text.RegularExpressions.Regex.Match(message, "at '(?<section>[^':]+):");
        return at.Success ? $"in section {at.Groups["section"].Value}: {message}" : message;
    }

    /// <summary>
    /// The secrets besides the Translator key that no stored text may contain: the password of the state store's
    /// connection string and of a configured proxy.
    /// </summary>
    private static List<KeyValuePair<string, string?>> SecretsBesidesTheKey(StateOptions state, NetworkOptions network)
    {
        var secrets = new List<KeyValuePair<string, string?>>();
        try
        {
            var connection = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = state.ConnectionString ?? string.Empty };
            foreach (string name in new[] { "Password", "Pwd" })
            {
                if (connection.TryGetValue(name, out object? password))
                {
                    secrets.Add(new("State:ConnectionString password", password?.ToString()));
                }
            }
        }
        catch (ArgumentException)
        {
            // Not a connection string: opening the store says so.
        }

        if (network.ProxyUri() is { } proxy && proxy.UserInfo.Split(':', 2) is [_, { } proxyPassword])
        {
            secrets.Add(new("Network:Proxy password", Uri.UnescapeDataString(proxyPassword)));
        }

        return secrets;
    }
}
