using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// Finds a source's article URLs: feeds (configured and announced on the home page), sitemaps (index, gzip,
/// news) and listing pages filtered by the article pattern. Dated links come newest first, then listing links
/// in page order; duplicates (after canonicalization) are dropped.
/// </summary>
public sealed class SourceDiscovery : ISourceDiscovery
{
    private const int MaxSitemapDocuments = 50;

    private readonly IPageFetcher _fetcher;

    /// <summary>Creates discovery over <paramref name="fetcher"/> (so feeds get the same politeness and guards).</summary>
    /// <param name="fetcher">The fetcher.</param>
    public SourceDiscovery(IPageFetcher fetcher) => _fetcher = fetcher;

    /// <inheritdoc />
    public async Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<string>();
        var dated = new List<DiscoveredLink>();
        var listed = new List<Uri>();

        var feeds = source.Feeds.Select(f => new Uri(f)).ToList();
        if (Uri.TryCreate(source.HomeUrl, UriKind.Absolute, out Uri? home))
        {
            FetchOutcome homePage = await _fetcher.FetchAsync(home, null, FetchPurpose.Discovery, cancellationToken).ConfigureAwait(false);
            if (homePage.Page is { } page)
            {
                feeds.AddRange(HtmlLinks.Feeds(page.Content.Body.Span, page.Content.Url).Where(f => !feeds.Contains(f)));
            }
            else if (source.Feeds.Count == 0 && source.Sitemaps.Count == 0 && source.Listings.Count == 0)
            {
                problems.Add($"home page {home}: {homePage.Reason} {homePage.Detail}");
            }
        }

        foreach (Uri feed in feeds)
        {
            await ReadXmlAsync(feed, "feed", dated, null, problems, cancellationToken).ConfigureAwait(false);
        }

        var pending = new Queue<Uri>(source.Sitemaps.Select(s => new Uri(s)));
        var seenSitemaps = new HashSet<Uri>();
        while (pending.Count > 0 && seenSitemaps.Count < MaxSitemapDocuments)
        {
            Uri sitemap = pending.Dequeue();
            if (seenSitemaps.Add(sitemap))
            {
                await ReadXmlAsync(sitemap, "sitemap", dated, pending, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (ListingPage listing in source.Listings)
        {
            var url = new Uri(listing.Url);
            FetchOutcome outcome = await _fetcher.FetchAsync(url, null, FetchPurpose.Discovery, cancellationToken).ConfigureAwait(false);
            if (outcome.Page is not { } page)
            {
                problems.Add($"listing {url}: {outcome.Reason} {outcome.Detail}");
                continue;
            }

            var pattern = new Regex(listing.ArticlePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            listed.AddRange(HtmlLinks.Anchors(page.Content.Body.Span, page.Content.Url)
                .Where(u => SameSite(u, url) && pattern.IsMatch(u.AbsoluteUri)));
        }

        var seen = new HashSet<Uri>();
        var urls = dated
            .OrderByDescending(l => l.Date ?? DateTimeOffset.MinValue)
            .Select(l => l.Url)
            .Concat(listed)
            .Where(u => seen.Add(UrlCanonicalizer.Canonicalize(u)))
            .ToImmutableArray();
        return new DiscoveryResult(urls, [.. problems]);
    }

    private async Task ReadXmlAsync(
        Uri url,
        string kind,
        List<DiscoveredLink> links,
        Queue<Uri>? nestedSitemaps,
        List<string> problems,
        CancellationToken cancellationToken)
    {
        FetchOutcome outcome = await _fetcher.FetchAsync(url, null, FetchPurpose.Discovery, cancellationToken).ConfigureAwait(false);
        if (outcome.Page is not { } page)
        {
            problems.Add($"{kind} {url}: {outcome.Reason} {outcome.Detail}");
            return;
        }

        try
        {
            (List<DiscoveredLink> found, List<Uri> sitemaps) = FeedParser.Parse(page.Content.Body, page.Content.Url);
            links.AddRange(found);
            foreach (Uri nested in sitemaps)
            {
                nestedSitemaps?.Enqueue(nested);
            }
        }
        catch (XmlException ex)
        {
            problems.Add($"{kind} {url}: rejected, not safe or not well-formed XML: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            problems.Add($"{kind} {url}: broken gzip: {ex.Message}");
        }
    }

    private static bool SameSite(Uri candidate, Uri listing) =>
        candidate.IsFile ? listing.IsFile : string.Equals(
            candidate.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase),
            listing.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase),
            StringComparison.OrdinalIgnoreCase);
}
