using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>Sets the language the test chose; the text is already normal.</summary>
internal sealed class FakeArticleNormalizer(string language = Languages.Vietnamese) : IArticleNormalizer
{
    public ExtractedArticle Normalize(ExtractedArticle article) => article with { Language = language };
}
