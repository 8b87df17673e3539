using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling;
using ArticlePipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>The real stages registered as the command line registers them, writing under a temporary folder.</summary>
internal sealed class BenchPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchPipeline(string root, ServiceProvider services)
    {
        Root = root;
        _services = services;
    }

    public string Root { get; }

    public CrawlRunner Runner => _services.GetRequiredService<CrawlRunner>();

    public static Task<BenchPipeline> CreateAsync(NetworkOptions network, bool nullSink)
    {
        string root = Path.Combine(Path.GetTempPath(), "ap-crawl-bench-" + Guid.NewGuid().ToString("N")[..8]);
        IServiceCollection services = PipelineServices.Create(Path.Combine(root, "out"), network);
        if (nullSink)
        {
            // Measures the crawl without the cost of writing records.
            services.AddSingleton<IRecordSink>(new NullRecordSink());
        }

        return Task.FromResult(new BenchPipeline(root, services.BuildServiceProvider()));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
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
