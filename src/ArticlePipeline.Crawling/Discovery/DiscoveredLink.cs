namespace ArticlePipeline.Crawling.Discovery;

/// <summary>An article link found in a feed, sitemap or listing, with its date when the document gave one.</summary>
/// <param name="Url">The absolute URL.</param>
/// <param name="Date">Publication or modification date, if known: what orders links newest first.</param>
/// <param name="Modified">
/// When the document says the page last changed (Atom <c>updated</c>, a sitemap's <c>lastmod</c>), if it says: a
/// known article listed as changed after its last check is checked again (<see cref="Core.Pipeline.CrawlFrontier.Decide"/>).
/// </param>
internal readonly record struct DiscoveredLink(Uri Url, DateTimeOffset? Date, DateTimeOffset? Modified = null);
