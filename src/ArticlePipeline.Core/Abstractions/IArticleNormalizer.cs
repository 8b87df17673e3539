using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Normalize: Unicode NFC, whitespace, control characters, and the article's language.</summary>
public interface IArticleNormalizer
{
    /// <summary>Returns <paramref name="article"/> with normalized text and its language set.</summary>
    /// <param name="article">The extracted article.</param>
    /// <returns>The normalized article.</returns>
    ExtractedArticle Normalize(ExtractedArticle article);
}
