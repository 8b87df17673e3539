using AngleSharp.Html.Dom;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Decoding;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Extracts an article from HTML within <see cref="HtmlLimits"/>: the site's <see cref="ProfileStrategy"/> first,
/// the <see cref="GenericStrategy"/> when the profile does not fit, each on a freshly parsed document.
/// </summary>
internal static class HtmlArticleExtractor
{
    /// <summary>Why a page over <see cref="HtmlLimits"/> has no article.</summary>
    public const string TooComplex = "too-complex";

    public static ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile, HtmlLimits? limits = null)
    {
        string html = PageDecoder.Decode(page.Body.Span, page.ContentType);
        limits ??= HtmlLimits.Default;
        using var budget = new CancellationTokenSource(limits.TimeBudget, limits.Clock);
        ExtractionOutcome? viaProfile = profile is null ? null : Extract(html, page.Url, profile, generic: false, limits, budget.Token);
        if (viaProfile?.Article is not null || viaProfile?.Reason == TooComplex)
        {
            return viaProfile;
        }

        return budget.IsCancellationRequested
            ? ExtractionOutcome.NotFound(TooComplex) with { Detail = $"not extracted within {limits.TimeBudget.TotalSeconds:0.###} s" }
            : Extract(html, page.Url, profile, generic: true, limits, budget.Token);
    }

    // One pass over a freshly parsed document: the passes rewrite it, so a profile that fails leaves a clean slate.
    // The generic pass keeps the profile's drop phrases, which are about the site, not its layout.
    private static ExtractionOutcome Extract(string html, Uri pageUrl, ExtractionProfile? profile, bool generic, HtmlLimits limits, CancellationToken budget)
    {
        using IHtmlDocument? document = BoundedHtmlParser.Parse(html, limits, budget, out string? tooComplex);
        if (document is null)
        {
            return ExtractionOutcome.NotFound(TooComplex) with { Detail = tooComplex };
        }

        PreparedPage page = PreparedPage.From(document, pageUrl);
        return profile is not null && !generic ? ProfileStrategy.Extract(page, profile) : GenericStrategy.Extract(page, profile);
    }
}
