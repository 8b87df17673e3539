using AngleSharp.Html.Dom;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Decoding;
using ArticlePipeline.Extraction.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Extracts an article from HTML within <see cref="HtmlLimits"/>: the site's <see cref="ProfileStrategy"/> first,
/// the <see cref="GenericStrategy"/> when the profile does not fit, each on a freshly parsed document.
/// </summary>
internal static class HtmlArticleExtractor
{
    /// <summary>Why a page over <see cref="HtmlLimits"/> has no article.</summary>
    public const string TooComplex = "too-complex";

    /// <summary>Extracts the article of <paramref name="page"/>, telling <paramref name="logger"/> where the page left the usual path.</summary>
    /// <param name="page">The page.</param>
    /// <param name="profile">The source's profile, if any.</param>
    /// <param name="limits">The limits; <see cref="HtmlLimits.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">The log; none when <see langword="null"/>.</param>
    /// <returns>The article, or why there is none.</returns>
    public static ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile, HtmlLimits? limits = null, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        Uri url = page.Url;
        string html = PageDecoder.Decode(page.Body.Span, page.ContentType);
        limits ??= HtmlLimits.Default;
        using var budget = new CancellationTokenSource(limits.TimeBudget, limits.Clock);
        ExtractionOutcome? viaProfile = profile is null ? null : Extract(html, url, profile, generic: false, limits, logger, budget.Token);
        if (viaProfile?.Article is not null)
        {
            return viaProfile;
        }

        if (viaProfile is not null && viaProfile.Reason != TooComplex)
        {
            string name = profile!.Name ?? "(unnamed)";
            string? why = viaProfile.Detail;
            ExtractionLog.ProfileNotMatched(logger, url, name, why);
        }

        ExtractionOutcome outcome = viaProfile?.Reason == TooComplex ? viaProfile
            : budget.IsCancellationRequested ? ExtractionOutcome.NotFound(TooComplex) with { Detail = $"not extracted within {limits.TimeBudget.TotalSeconds:0.###} s" }
            : Extract(html, url, profile, generic: true, limits, logger, budget.Token);
        if (outcome.Reason == TooComplex)
        {
            string? detail = outcome.Detail;
            ExtractionLog.PageTooComplex(logger, url, detail);
        }

        return outcome;
    }

    // One pass over a freshly parsed document: the passes rewrite it, so a profile that fails leaves a clean slate.
    // The generic pass keeps the profile's drop phrases, which are about the site, not its layout.
    private static ExtractionOutcome Extract(string html, Uri pageUrl, ExtractionProfile? profile, bool generic, HtmlLimits limits, ILogger logger, CancellationToken budget)
    {
        using IHtmlDocument? document = BoundedHtmlParser.Parse(html, limits, budget, out string? tooComplex);
        if (document is null)
        {
            return ExtractionOutcome.NotFound(TooComplex) with { Detail = tooComplex };
        }

        PreparedPage page = PreparedPage.From(document, pageUrl);
        return profile is not null && !generic ? ProfileStrategy.Extract(page, profile, logger) : GenericStrategy.Extract(page, profile, logger);
    }
}
