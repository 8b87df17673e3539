using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Extract: turns page bytes into an article (Extraction). Never touches the network.</summary>
public interface IArticleExtractor
{
    /// <summary>Extracts the article from <paramref name="page"/>.</summary>
    /// <param name="page">The bytes and Content-Type. <c>text/plain</c> is read as one block per line.</param>
    /// <param name="profile">The source's site profile, if it has one.</param>
    /// <returns>The article, or why there is none.</returns>
    ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile = null);
}
