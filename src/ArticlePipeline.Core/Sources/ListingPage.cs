namespace ArticlePipeline.Core.Sources;

/// <summary>A listing (category) page whose links matching <see cref="ArticlePattern"/> are articles.</summary>
public sealed class ListingPage
{
    /// <summary>The listing page URL (absolute, or relative to the sources file).</summary>
    public string Url { get; set; } = "";

    /// <summary>A regular expression an article URL matches, e.g. <c>-a\d+\.html$</c>.</summary>
    /// <value>Empty: every same-host link is a candidate.</value>
    public string ArticlePattern { get; set; } = "";
}
