using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Extracts an article by content scoring (<see cref="ContentFinder"/>), for pages no profile fits.</summary>
internal static class GenericStrategy
{
    /// <summary>Extracts the article of <paramref name="page"/>, which it rewrites.</summary>
    /// <param name="page">The prepared page.</param>
    /// <param name="profile">The source's profile, if any: its drop phrases are about the site, not its layout, and still apply.</param>
    /// <param name="logger">The log.</param>
    public static ExtractionOutcome Extract(PreparedPage page, ExtractionProfile? profile, ILogger logger)
    {
        // Title, lead, byline and date sit around the body, in boxes the content finder may remove: read them first.
        PageFacts facts = PageFactsReader.Read(page.Body, page.Metadata, null);
        ContentFinder finder = ContentFinder.Find(page.Body);
        if (finder.Container is null)
        {
            return ExtractionOutcome.NotFound(ArticleExtractor.NotAnArticle);
        }

        facts = facts with { Byline = facts.Byline ?? finder.Byline };
        facts = facts with { Date = facts.Date ?? PageFactsReader.FindDateNear(page.Body, null, finder.Container) };
        ExtractedArticle? found = HtmlArticleBuilder.Assemble(finder.Container, facts, page, profile, HtmlArticleBuilder.ViaContentScoring, logger);
        return found is null ? ExtractionOutcome.NotFound(ArticleExtractor.NotAnArticle) : ExtractionOutcome.Found(found);
    }
}
