using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State;
using ArticlePipeline.Translation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Composition;

/// <summary>The composition root of the command line: one production implementation of every stage.</summary>
internal sealed class Pipeline : IAsyncDisposable
{
    private readonly HttpPageFetcher _fetcher;
    private readonly ILoggerFactory _loggerFactory;

    private readonly IPipelineStateStore _state;

    private Pipeline(PipelineSettings settings, HttpPageFetcher fetcher, JsonRecordSink sink, IPipelineStateStore state, ITranslationProvider? translator, ILoggerFactory loggerFactory, CrawlOptions crawl)
    {
        _state = state;
        Settings = settings;
        _fetcher = fetcher;
        _loggerFactory = loggerFactory;
        Sink = sink;
        Translator = translator;
        Processor = new ArticleProcessor(
            fetcher,
            Extractor,
            Normalizer,
            translator,
            sink,
            state,
            loggerFactory.CreateLogger<ArticleProcessor>(),
            pending: state);
        // Discovery reads the seen-set (listing pagination stops at known URLs); the runner applies the Crawl section.
        Discovery = new SourceDiscovery(fetcher, state, crawl);
        Runner = new CrawlRunner(Discovery, Processor, crawl);
    }

    public PipelineSettings Settings { get; }

    public ArticleExtractor Extractor { get; } = new();

    public ArticleNormalizer Normalizer { get; } = new();

    public JsonRecordSink Sink { get; }

    public ITranslationProvider? Translator { get; }

    public ArticleProcessor Processor { get; }

    public IPipelineStateStore State => _state;

    public CrawlRunner Runner { get; }

    public ArticlePipeline.Core.Abstractions.ISourceDiscovery Discovery { get; }

    /// <summary>Builds every stage from <paramref name="settings"/>.</summary>
    /// <exception cref="UsageException">The configuration names something that cannot be built.</exception>
    public static async Task<Pipeline> CreateAsync(PipelineSettings settings, TextWriter log, CancellationToken cancellationToken, bool logArticles = false)
    {
        CrawlOptions crawl = CrawlOptionsFrom(settings);
        var sink = new JsonRecordSink(settings.Output.Directory);
        if (string.Equals(settings.State.Provider, StateOptions.Postgres, StringComparison.OrdinalIgnoreCase) &&
            PostgresSslCheck.Warning(settings.State.ConnectionString) is { } unencrypted)
        {
            await log.WriteLineAsync(unencrypted).ConfigureAwait(false);
        }

        StorageFullGuard state;
        try
        {
            // A full disk under the state is a reason to stop a pass, not an error of the article being stored.
            state = new StorageFullGuard(await StateStoreFactory.OpenAsync(settings.State, sink.Root, null, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (StorageFullGuard.IsFull(ex))
        {
            throw new StorageFullException($"cannot open the {settings.State.Provider} state store: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException
            or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The message never includes the connection string: it may hold a password.
            throw new UsageException($"cannot open the {settings.State.Provider} state store: {ex.Message}", ex);
        }

        ITranslationProvider? translator;
        try
        {
            // The translation memory lives in the state store: an unchanged paragraph is never billed twice.
            translator = TranslationProviderFactory.Create(settings.Translator, state, null, ConfiguredSecrets(settings));
        }
        catch (ArgumentException ex)
        {
            await state.DisposeAsync().ConfigureAwait(false);
            throw new UsageException("invalid configuration: " + ex.Message, ex);
        }

        ILoggerFactory loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.AddConfiguration(settings.Configuration.GetSection("Logging"));
            if (logArticles)
            {
                // The worker logs one line per article outcome.
                builder.AddFilter("ArticlePipeline", LogLevel.Information);
            }

            builder.AddProvider(new TextWriterLoggerProvider(log));
        });
        return new Pipeline(settings, new HttpPageFetcher(settings.Network), sink, state, translator, loggerFactory, crawl);
    }

    /// <summary>The <c>Crawl</c> section; <see cref="PipelineSettings.Load"/> has checked it and the <c>Network</c> section.</summary>
    private static CrawlOptions CrawlOptionsFrom(PipelineSettings settings) => settings.Crawl;

    /// <summary>
    /// Registers every source's politeness overrides with the fetcher. Discovery does this for the sources it
    /// crawls; a cluster worker that only processes work items must do it up front.
    /// </summary>
    public void ApplySourceLimits(SourceCatalog catalog)
    {
        foreach (SourceDefinition source in catalog.Sources)
        {
            _fetcher.ApplySourceLimits(source);
        }
    }

    /// <summary>Loads the sources file; a missing file is an empty catalog only when <paramref name="required"/> is false.</summary>
    public SourceCatalog LoadSources(bool required)
    {
        if (!required && !File.Exists(Settings.SourcesFile))
        {
            return new SourceCatalog();
        }

        try
        {
            return SourceCatalogLoader.Load(Settings.SourcesFile);
        }
        catch (SourceCatalogException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>
    /// The secrets besides the Translator key that no stored text may contain: the password of the state store's
    /// connection string and of a configured proxy.
    /// </summary>
    private static List<KeyValuePair<string, string?>> ConfiguredSecrets(PipelineSettings settings)
    {
        var secrets = new List<KeyValuePair<string, string?>>();
        try
        {
            var connection = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = settings.State.ConnectionString ?? string.Empty };
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
            // Not a connection string: opening the store has already said so.
        }

        if (Uri.TryCreate(settings.Configuration["Network:Proxy"], UriKind.Absolute, out Uri? proxy) && proxy.UserInfo.Split(':', 2) is [_, { } proxyPassword])
        {
            secrets.Add(new("Network:Proxy password", Uri.UnescapeDataString(proxyPassword)));
        }

        return secrets;
    }

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        Sink.Dispose();
        await _state.DisposeAsync().ConfigureAwait(false);
        _loggerFactory.Dispose();
        (Translator as IDisposable)?.Dispose();
    }
}
