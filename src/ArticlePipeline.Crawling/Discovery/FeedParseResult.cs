namespace ArticlePipeline.Crawling.Discovery;

/// <summary>A whole document's links, for callers that can hold them (tests, small documents).</summary>
/// <param name="Links">Article links in document order.</param>
/// <param name="Sitemaps">Nested sitemaps of a sitemap index.</param>
/// <param name="Read">Counts and the error that ended reading early, if any.</param>
internal sealed record FeedParseResult(List<DiscoveredLink> Links, List<Uri> Sitemaps, FeedReadResult Read)
{
    /// <summary>Why reading ended early, or <see langword="null"/>.</summary>
    public string? Error => Read.Error;

    /// <summary>Deconstructs into the links and the nested sitemaps.</summary>
    /// <param name="links">Article links.</param>
    /// <param name="sitemaps">Nested sitemaps.</param>
    public void Deconstruct(out List<DiscoveredLink> links, out List<Uri> sitemaps)
    {
        links = Links;
        sitemaps = Sitemaps;
    }
}
