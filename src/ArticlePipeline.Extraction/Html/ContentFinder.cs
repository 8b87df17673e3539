using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Finds the element holding the article body by content scoring, after Mozilla Readability's <c>grabArticle</c>.
/// Each try is a <see cref="ContentAttempt"/> with its own heuristics; when one leaves too little text the page is
/// restored and tried again with fewer heuristics. When every try is short, the strictest one that found an article's
/// worth of text wins, else the longest.
/// </summary>
/// <remarks>Mutates the document it is given, like Readability does.</remarks>
internal sealed class ContentFinder
{
    /// <summary>Text length below which an attempt is retried with fewer heuristics.</summary>
    public const int CharThreshold = 500;

    /// <summary>Text length from which a short try is taken over the longer ones the looser heuristics give.</summary>
    /// <remarks>
    /// On a short post the looser tries put back the boxes the strict one removed for their names (a cookie notice,
    /// the author's bio, the comment form), and those then hold more text than the post. Readability keeps the
    /// longest try; on the trafilatura set that choice took the wrong box on short posts.
    /// </remarks>
    public const int ShortArticleCharacters = HtmlArticleBuilder.MinimumBodyCharacters;

    private static readonly ContentHeuristics[] Attempts =
    [
        ContentHeuristics.StripUnlikely | ContentHeuristics.WeightClasses | ContentHeuristics.CleanConditionally,
        ContentHeuristics.WeightClasses | ContentHeuristics.CleanConditionally,
        ContentHeuristics.CleanConditionally,
        ContentHeuristics.None,
    ];

    private ContentFinder(IElement? container, string? byline)
    {
        Container = container;
        Byline = byline;
    }

    /// <summary>The article container, inside the document; <see langword="null"/> when no text was found.</summary>
    public IElement? Container { get; }

    /// <summary>The byline element's text the winning attempt took out of the body, when the page marks one.</summary>
    public string? Byline { get; }

    /// <summary>Finds the article container in <paramref name="body"/>, which it rewrites.</summary>
    /// <param name="body">The page body (boilerplate that is never text already removed).</param>
    /// <returns>The finder, whose <see cref="Container"/> is the container in the document, or null when the page has no text.</returns>
    public static ContentFinder Find(IElement body)
    {
        // Kept as markup, as Readability does: one string costs less than a copy of every node, and most pages need no
        // second try.
        string pristine = body.InnerHtml;
        int bestLength = -1;
        ContentHeuristics best = Attempts[0];
        for (int i = 0; i < Attempts.Length; i++)
        {
            if (i > 0)
            {
                Restore(body, pristine);
            }

            var attempt = new ContentAttempt(body, Attempts[i]);
            IElement container = attempt.Grab();
            int length = DomText.Length(container);
            if (length >= CharThreshold)
            {
                return new ContentFinder(container, attempt.Byline);
            }

            if (length > bestLength && bestLength < ShortArticleCharacters)
            {
                bestLength = length;
                best = Attempts[i];
            }
        }

        if (bestLength <= 0)
        {
            return new ContentFinder(null, null);
        }

        // All attempts were short: run the strictest that found an article's worth, else the one that found the most
        // text, again (the others rewrote the page).
        Restore(body, pristine);
        var rerun = new ContentAttempt(body, best);
        return new ContentFinder(rerun.Grab(), rerun.Byline);
    }

    private static void Restore(IElement body, string pristine) => body.InnerHtml = pristine;
}
