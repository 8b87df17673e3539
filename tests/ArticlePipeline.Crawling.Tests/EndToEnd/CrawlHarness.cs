using System.Text.Json;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.State;
using ArticlePipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ArticlePipeline.Crawling.Tests.EndToEnd;

/// <summary>
/// The real stages registered as the command line registers them (<see cref="PipelineServices"/>): fetcher, discovery
/// with the state store, extractor, normalizer, JSON sink, SQLite state, processor and runner.
/// </summary>
internal sealed class CrawlHarness : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly ServiceProvider _services;

    private CrawlHarness(TempDirectory folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
    }

    public CrawlRunner Runner => _services.GetRequiredService<CrawlRunner>();

    /// <summary>The processor the runner uses; <c>ProcessAsync</c> is the <c>rerun</c> path.</summary>
    public ArticleProcessor Processor => _services.GetRequiredService<ArticleProcessor>();

    public IPipelineStateStore State => _services.GetRequiredService<IPipelineStateStore>();

    public string Output => _folder.Combine("out");

    public static Task<CrawlHarness> CreateAsync(NetworkOptions network, CrawlOptions? crawl = null, TimeProvider? stateTime = null)
    {
        var folder = new TempDirectory();
        ServiceProvider services = PipelineServices.Create(folder.Combine("out"), network, crawl, stateTime).BuildServiceProvider();
        return Task.FromResult(new CrawlHarness(folder, services));
    }

    /// <summary>
    /// Crawl settings under which every pass checks every known article again (a revisit schedule of zero
    /// intervals), for tests about what a re-check does rather than when it happens.
    /// </summary>
    public static CrawlOptions RevisitEveryPass() => new() { RevisitSchedule = "0s x1000" };

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
        await _services.DisposeAsync();
        _folder.Dispose();
    }
}
