namespace ArticlePipeline.Core.Sources;

/// <summary>A listing (category) page whose links matching <see cref="ArticlePattern"/> are articles.</summary>
public sealed class ListingPage
{
    /// <summary>The listing page URL (absolute, or relative to the sources file).</summary>
    public string Url { get; set; } = "";

    /// <summary>A regular expression an article URL matches, e.g. <c>-a\d+\.html$</c>.</summary>
    /// <value>Empty: every same-host link is a candidate.</value>
    public string ArticlePattern { get; set; } = "";

    /// <summary>
    /// Most pages of this listing read per pass, following its pagination (<c>rel="next"</c>, a "next" link, or
    /// <see cref="NextPagePattern"/>). Reading stops early at a page whose article links are all known already.
    /// </summary>
    /// <value>1: only the listing page itself.</value>
    public int MaxPages { get; set; } = 1;

    /// <summary>
    /// A regular expression the URL of a further listing page matches, e.g. <c>/trang-\d+\.html$</c> or
    /// <c>[?&amp;]page=\d+</c>, for sites whose pagination has no <c>rel="next"</c> or "next" link.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public string? NextPagePattern { get; set; }
}
