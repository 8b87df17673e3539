using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling;
using ArticlePipeline.Crawling.Composition;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Extraction.Composition;
using ArticlePipeline.Output;
using ArticlePipeline.Output.Composition;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Testing;

/// <summary>
/// The stages registered by the same <c>AddArticle...</c> calls the command line makes, for tests and benchmarks that
/// drive them in-process. Only what a test must replace is replaced: the output folder, the network settings (to
/// reach loopback servers), the crawl settings and the clock.
/// </summary>
public static class PipelineServices
{
    /// <summary>Registers every stage but translation (none: languages stay pending) over <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">Where records, the manifest and the SQLite state go.</param>
    /// <param name="network">The network settings.</param>
    /// <param name="crawl">The crawl settings; the defaults when <see langword="null"/>.</param>
    /// <param name="clock">
    /// The clock of the processor, the state and the sink; the fetcher keeps the system clock, since its politeness
    /// delays would otherwise wait for a fake clock to be advanced.
    /// </param>
    /// <returns>The services, to replace more (the sink) before building.</returns>
    public static IServiceCollection Create(string outputDirectory, NetworkOptions network, CrawlOptions? crawl = null, TimeProvider? clock = null)
    {
        // Handed in rather than bound, so the start-up validation never sees them: the same check, here.
        CheckedOptions.Valid(network);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddArticlePipelineCore()
            .AddArticleCrawling()
            .AddArticleExtraction()
            .AddArticleOutput()
            .AddArticleState(sp => sp.GetRequiredService<JsonRecordSink>().Root);
        services.Configure<OutputOptions>(o => o.Directory = outputDirectory);
        services.AddSingleton(Options.Create(network));
        services.AddSingleton(Options.Create(crawl ?? new CrawlOptions()));
        if (clock is not null)
        {
            services.AddSingleton(_ => new HttpPageFetcher(network));
        }

        return services;
    }
}
