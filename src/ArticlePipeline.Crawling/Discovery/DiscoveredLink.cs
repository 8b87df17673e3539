namespace ArticlePipeline.Crawling.Discovery;

/// <summary>An article link found in a feed, sitemap or listing, with its date when the document gave one.</summary>
/// <param name="Url">The absolute URL.</param>
/// <param name="Date">Publication or modification date, if known.</param>
internal readonly record struct DiscoveredLink(Uri Url, DateTimeOffset? Date);
