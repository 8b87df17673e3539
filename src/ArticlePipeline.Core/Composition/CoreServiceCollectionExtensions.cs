using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Core.Composition;

/// <summary>Registers the page pipeline that ties the stages together: one article, and one pass over sources.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Crawl</c> section, and adds the <see cref="ArticleProcessor"/> (fetch, extract,
    /// normalise, translate, write one article), the <see cref="CrawlRunner"/> (a pass over sources) and the
    /// <see cref="PendingTranslationRunner"/> over whatever fetcher, extractor, sink and state the stage projects register.
    /// The clock is the container's <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> unless replaced).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticlePipelineCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSection<CrawlOptions>(CrawlOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.TryAddSingleton(new ConfiguredTranslator(null));
        services.TryAddSingleton<SourceDirectory>();
        services.AddSingleton(sp =>
        {
            IStateStore state = sp.GetRequiredService<IStateStore>();
            return new ArticleProcessor(
                sp.GetRequiredService<IPageFetcher>(),
                sp.GetRequiredService<IArticleExtractor>(),
                sp.GetRequiredService<IArticleNormalizer>(),
                sp.GetRequiredService<ConfiguredTranslator>().Provider,
                sp.GetRequiredService<IRecordSink>(),
                state,
                sp.GetRequiredService<ILogger<ArticleProcessor>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<IPendingTranslations>(),
                sp.GetRequiredService<SourceDirectory>());
        });
        services.AddSingleton(sp => new CrawlRunner(
            sp.GetRequiredService<ISourceDiscovery>(),
            sp.GetRequiredService<ArticleProcessor>(),
            sp.GetRequiredService<IOptions<CrawlOptions>>().Value,
            sp.GetService<IOperationsJournal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        // The cluster's item crawler: its discoveries store their source runs for the workers to fill in. A local pass
        // makes its own, without, and stores each run whole at its end.
        services.AddSingleton(sp => new Work.WorkItemCrawler(
            sp.GetRequiredService<ISourceDiscovery>(),
            sp.GetRequiredService<ArticleProcessor>(),
            sp.GetRequiredService<IOptions<CrawlOptions>>().Value,
            sp.GetService<ILogger<Work.WorkItemCrawler>>(),
            sp.GetService<IOperationsJournal>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
