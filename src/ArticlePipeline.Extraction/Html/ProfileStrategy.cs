using AngleSharp.Dom;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Dates;
using ArticlePipeline.Extraction.Normalization;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Extracts an article with a site's profile: its selectors name the body, the boxes to drop and the facts.</summary>
internal static class ProfileStrategy
{
    /// <summary>The reason for a page the profile does not fit; the generic strategy is tried next.</summary>
    public const string NotMatched = "profile-not-matched";

    /// <summary>Extracts the article of <paramref name="page"/> with <paramref name="profile"/>, which rewrites the page.</summary>
    public static ExtractionOutcome Extract(PreparedPage page, ExtractionProfile profile, ILogger logger)
    {
        IElement body = page.Body;

        // The profile's title, lead, author and date may sit in a box it drops from the body (a header block).
        PageFacts facts = PageFactsReader.Read(body, page.Metadata, ReadSelections(body, profile));
        foreach (string selector in profile.Drop)
        {
            foreach (IElement dropped in SafeQueryAll(body, selector))
            {
                dropped.Remove();
            }
        }

        IElement? container = SafeQuery(body, profile.Body);
        if (container is null)
        {
            return ExtractionOutcome.NotFound(NotMatched) with { Detail = $"the body selector '{profile.Body}' matches nothing" };
        }

        int characters = DomText.NonSpace(container);
        if (characters < HtmlArticleBuilder.MinimumBodyCharacters)
        {
            return ExtractionOutcome.NotFound(NotMatched) with { Detail = $"the body selector '{profile.Body}' matches {characters} characters, fewer than {HtmlArticleBuilder.MinimumBodyCharacters}" };
        }

        ExtractedArticle? article = HtmlArticleBuilder.Assemble(container, facts, page, profile, HtmlArticleBuilder.ViaProfile, logger);
        return article is null
            ? ExtractionOutcome.NotFound(NotMatched) with { Detail = $"the body selector '{profile.Body}' matches too little article text" }
            : ExtractionOutcome.Found(article);
    }

    private static ProfileFacts ReadSelections(IElement body, ExtractionProfile profile) => new(
        Title: SafeQuery(body, profile.Title),
        Lead: SafeQuery(body, profile.Lead),
        Authors: [.. SafeQueryAll(body, profile.Author).Select(a => TextNormalizer.Normalize(a.TextContent)).Where(a => a.Length > 0)],
        Date: PublicationDateParser.ParseText(SafeQuery(body, profile.Date)?.TextContent));

    private static IElement? SafeQuery(IElement root, string? selector) => SafeQueryAll(root, selector).FirstOrDefault();

    private static IElement[] SafeQueryAll(IElement root, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return [];
        }

        try
        {
            return root.QuerySelectorAll(selector).ToArray();
        }
        catch (DomException)
        {
            // A broken selector in a profile behaves like a selector that matches nothing.
            return [];
        }
    }
}
