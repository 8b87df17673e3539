using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Extraction.Normalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Extraction.Composition;

/// <summary>Registers the extraction stage: the article extractor and the normalizer.</summary>
public static class ExtractionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ArticleExtractor"/> and <see cref="ArticleNormalizer"/>; the stage has no settings. The extractor
    /// logs through the container's <see cref="ILogger{TCategoryName}"/> when there is one, else not at all.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleExtraction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new ArticleExtractor(sp.GetService<ILogger<ArticleExtractor>>()));
        services.AddSingleton<IArticleExtractor>(sp => sp.GetRequiredService<ArticleExtractor>());
        services.AddSingleton<ArticleNormalizer>();
        services.AddSingleton<IArticleNormalizer>(sp => sp.GetRequiredService<ArticleNormalizer>());
        return services;
    }
}
