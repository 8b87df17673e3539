using System.Text.Json;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Crawling.Tests.EndToEnd;

/// <summary>
/// The real stages composed as the command line composes them (src/ArticlePipeline.Cli/Composition/Pipeline.cs):
/// fetcher, discovery with the state store, extractor, normalizer, JSON sink, SQLite state, processor and runner.
/// </summary>
internal sealed class CrawlHarness : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly HttpPageFetcher _fetcher;
    private readonly JsonRecordSink _sink;
    private readonly SqliteStateStore _state;

    private CrawlHarness(TempDirectory folder, HttpPageFetcher fetcher, JsonRecordSink sink, SqliteStateStore state, ArticleProcessor processor, CrawlRunner runner)
    {
        _folder = folder;
        _fetcher = fetcher;
        _sink = sink;
        _state = state;
        Processor = processor;
        Runner = runner;
    }

    public CrawlRunner Runner { get; }

    /// <summary>The processor the runner uses; <c>ProcessAsync</c> is the <c>rerun</c> path.</summary>
    public ArticleProcessor Processor { get; }

    public SqliteStateStore State => _state;

    public string Output => _folder.Combine("out");

    public static async Task<CrawlHarness> CreateAsync(NetworkOptions network, CrawlOptions? crawl = null, TimeProvider? stateTime = null)
    {
        var folder = new TempDirectory();
        var fetcher = new HttpPageFetcher(network);
        var sink = new JsonRecordSink(folder.Combine("out"));
        SqliteStateStore state = await SqliteStateStore.OpenAsync(StateStoreFactory.DefaultSqliteConnectionString(folder.Combine("out")), stateTime);
        var processor = new ArticleProcessor(fetcher, new ArticleExtractor(), new ArticleNormalizer(), null, sink, state, timeProvider: stateTime, pending: state);
        var runner = new CrawlRunner(new SourceDiscovery(fetcher, state, crawl), processor, crawl);
        return new CrawlHarness(folder, fetcher, sink, state, processor, runner);
    }

    public Task<CrawlSummary> RunAsync(int maxParallelSources, params SourceDefinition[] sources) =>
        Runner.RunAsync(sources, maxParallelSources);

    public string[] Records(string sourceId)
    {
        string folder = Path.Combine(Output, "records", sourceId);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order().ToArray()
            : [];
    }

    public int ManifestLines()
    {
        string folder = Path.Combine(Output, "manifest");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").Sum(f => File.ReadAllLines(f).Length) : 0;
    }

    public static string Title(string recordPath)
    {
        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(recordPath));
        return record.RootElement.GetProperty("languages").GetProperty("vi").GetProperty("content").GetProperty("title").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        _sink.Dispose();
        await _state.DisposeAsync();
        _folder.Dispose();
    }
}
