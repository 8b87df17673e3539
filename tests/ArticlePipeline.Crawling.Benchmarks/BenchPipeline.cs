using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>The real stages composed as the command line does, writing under a temporary folder.</summary>
internal sealed class BenchPipeline : IAsyncDisposable
{
    private readonly HttpPageFetcher _fetcher;
    private readonly IDisposable? _sink;
    private readonly SqliteStateStore _state;

    private BenchPipeline(string root, HttpPageFetcher fetcher, IDisposable? sink, SqliteStateStore state, CrawlRunner runner)
    {
        Root = root;
        _fetcher = fetcher;
        _sink = sink;
        _state = state;
        Runner = runner;
    }

    public string Root { get; }

    public CrawlRunner Runner { get; }

    public static async Task<BenchPipeline> CreateAsync(NetworkOptions network, bool nullSink)
    {
        string root = Path.Combine(Path.GetTempPath(), "ap-crawl-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var fetcher = new HttpPageFetcher(network);
        JsonRecordSink? json = nullSink ? null : new JsonRecordSink(Path.Combine(root, "out"));
        IRecordSink sink = json is null ? new NullRecordSink() : json;
        SqliteStateStore state = await SqliteStateStore.OpenAsync(StateStoreFactory.DefaultSqliteConnectionString(Path.Combine(root, "out")));
        var processor = new ArticleProcessor(fetcher, new ArticleExtractor(), new ArticleNormalizer(), null, sink, state, pending: state);
        var runner = new CrawlRunner(new SourceDiscovery(fetcher, state), processor);
        return new BenchPipeline(root, fetcher, json, state, runner);
    }

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        _sink?.Dispose();
        await _state.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
