using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>Returns the article the test set, whatever the page.</summary>
internal sealed class FakeArticleExtractor : IArticleExtractor
{
    public ExtractionOutcome Outcome { get; set; } = ExtractionOutcome.Found(Articles.Vietnamese());

    public int Calls { get; private set; }

    public ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile = null)
    {
        Calls++;
        return Outcome;
    }
}
