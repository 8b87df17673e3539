namespace ArticlePipeline.Core.Sources;

/// <summary>One newspaper as configured in the sources file.</summary>
public sealed class SourceDefinition
{
    /// <summary>A short stable id (lowercase letters, digits, dashes), used in output paths.</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name, e.g. <c>Báo An Giang</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Province the newspaper belongs to.</summary>
    public string? Province { get; set; }

    /// <summary>Home page URL; feeds are auto-discovered from it.</summary>
    public string HomeUrl { get; set; } = "";

    /// <summary>RSS or Atom feed URLs.</summary>
    public IList<string> Feeds { get; set; } = [];

    /// <summary>Sitemap URLs (index, urlset or news sitemap).</summary>
    public IList<string> Sitemaps { get; set; } = [];

    /// <summary>Listing pages with the pattern their article links match.</summary>
    public IList<ListingPage> Listings { get; set; } = [];

    /// <summary>Quartz cron expression for the scheduled worker.</summary>
    /// <value>Every 30 minutes.</value>
    public string Schedule { get; set; } = "0 0/30 * * * ?";

    /// <summary>Most articles one pass fetches from this source.</summary>
    /// <value>200.</value>
    public int MaxArticlesPerRun { get; set; } = 200;

    /// <summary>
    /// Seconds between the starts of two requests to this source's hosts, overriding <c>Network:DelaySeconds</c>.
    /// A robots.txt <c>Crawl-delay</c> that is longer still wins.
    /// </summary>
    /// <value><see langword="null"/>: the network default (1 second).</value>
    public double? DelaySeconds { get; set; }

    /// <summary>Requests in flight to this source's hosts at once, overriding <c>Network:MaxConnectionsPerHost</c>.</summary>
    /// <value><see langword="null"/>: the network default (1).</value>
    public int? MaxConnectionsPerHost { get; set; }

    /// <summary>
    /// Whether <c>/a/</c> and <c>/a</c> are the same page for the seen-set and the state store: <c>keep</c>
    /// (different URLs, the canonical form everywhere else) or <c>strip</c> (the same page, for sites that link
    /// both forms). Record URLs are never changed by it.
    /// </summary>
    /// <value><c>keep</c>.</value>
    public string TrailingSlash { get; set; } = "keep";

    /// <summary>
    /// Query parameters that never tell this source's pages apart (<c>ref</c>, <c>from</c>...; a name ending in
    /// <c>*</c> is a prefix, e.g. <c>src_*</c>), removed from its URLs before they are compared and stored, on top of
    /// the parameters that are tracking everywhere (<c>utm_*</c>, <c>fbclid</c>...). Names are matched ignoring case.
    /// </summary>
    /// <value>Empty: only the tracking parameters are removed.</value>
    public IList<string> StripParameters { get; set; } = [];

    /// <summary>Regular expressions of URLs never crawled for this source (video pages, tag pages...); skipped as <c>filtered</c>.</summary>
    public IList<string> ExcludePatterns { get; set; } = [];

    /// <summary>
    /// Where this source publishes its own editions in other languages, for articles whose page does not link them
    /// (see <see cref="EditionRule"/>). Editions the page links with <c>hreflang</c> or a language switch are found without rules.
    /// </summary>
    /// <value>Empty.</value>
    public IList<EditionRule> Editions { get; set; } = [];

    /// <summary>
    /// Whether this source is a mirror (vietnam.vn-style): its pages are other sites' articles in other languages,
    /// each with a source line naming the original. A mirror page never becomes a record of its own: the original is
    /// fetched if the archive lacks it, and the page (with its sibling languages) fills the original's record.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool Mirror { get; set; }

    /// <summary>Optional site profile; without one the generic extractor is used.</summary>
    public ExtractionProfile? Profile { get; set; }
}
