using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Crawling.Robots;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// Finds a source's article URLs: feeds (configured and announced on the home page), sitemaps (configured, then
/// the <c>Sitemap:</c> lines of the home host's robots.txt; index, gzip, news) and listing pages filtered by the
/// article pattern, following their pagination up to <see cref="ListingPage.MaxPages"/> and stopping at a page whose
/// article links are all in the state store already. Dated links come newest first, then listing links in page
/// order; duplicates (after canonicalization) are dropped.
/// </summary>
public sealed class SourceDiscovery : ISourceDiscovery
{
    private const int MaxSitemapDocuments = 50;

    private readonly IPageFetcher _fetcher;
    private readonly IStateStore? _state;

    /// <summary>Creates discovery over <paramref name="fetcher"/> (so feeds get the same politeness and guards).</summary>
    /// <param name="fetcher">The fetcher.</param>
    /// <param name="state">The seen-set: listing pagination stops at a page holding only known URLs. Optional.</param>
    public SourceDiscovery(IPageFetcher fetcher, IStateStore? state = null)
    {
        _fetcher = fetcher;
        _state = state;
    }

    /// <inheritdoc />
    public async Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var http = _fetcher as HttpPageFetcher;

        // Before the first request, so even discovery runs at the source's own pace.
        http?.ApplySourceLimits(source);
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
        if (http is not null && home is not null && home.Scheme is "http" or "https")
        {
            RobotsEntry robots = await http.GetRobotsAsync(home, cancellationToken).ConfigureAwait(false);
            foreach (Uri announced in robots.File.Sitemaps.Where(u => !pending.Contains(u)))
            {
                pending.Enqueue(announced);
            }
        }

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
            await ReadListingAsync(listing, source, listed, problems, cancellationToken).ConfigureAwait(false);
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

    private async Task ReadListingAsync(
        ListingPage listing,
        SourceDefinition source,
        List<Uri> listed,
        List<string> problems,
        CancellationToken cancellationToken)
    {
        // Operator patterns run on the linear-time engine where they can; one that still times out on a hostile link is
        // reported as a problem of the source, the link is not taken, and the rest of the listing is read.
        SourcePattern pattern = SourcePattern.Get(listing.ArticlePattern ?? string.Empty);
        SourcePattern? nextPattern = listing.NextPagePattern is { Length: > 0 } next ? SourcePattern.Get(next) : null;
        var budget = new PatternBudget();
        var first = new Uri(listing.Url);
        var visited = new HashSet<Uri> { first };
        Uri? url = first;
        try
        {
            for (int number = 1; url is not null && number <= Math.Max(1, listing.MaxPages); number++)
            {
                FetchOutcome outcome = await _fetcher.FetchAsync(url, null, FetchPurpose.Discovery, cancellationToken).ConfigureAwait(false);
                if (outcome.Page is not { } page)
                {
                    problems.Add($"listing {url}: {outcome.Reason} {outcome.Detail}");
                    return;
                }

                List<Uri> articles = HtmlLinks.Anchors(page.Content.Body.Span, page.Content.Url)
                    .Where(u => SameSite(u, first) && budget.Matches(pattern, u.AbsoluteUri) == true)
                    .Distinct()
                    .ToList();
                listed.AddRange(articles);

                // Listings run newest first: a page whose articles are all known means the rest are known too.
                if (number == listing.MaxPages || articles.Count == 0 || await AllKnownAsync(articles, source, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                try
                {
                    url = HtmlLinks.NextPage(page.Content.Body.Span, page.Content.Url, nextPattern?.Regex, visited);
                }
                catch (RegexMatchTimeoutException)
                {
                    problems.Add($"listing {url}: nextPagePattern '{nextPattern?.Text}' timed out; pagination stopped here");
                    return;
                }

                if (url is not null && (!SameSite(url, first) || !visited.Add(url)))
                {
                    url = null;
                }
            }
        }
        finally
        {
            problems.AddRange(budget.Problems($"listing {listing.Url}: articlePattern"));
        }
    }

    private async Task<bool> AllKnownAsync(List<Uri> urls, SourceDefinition source, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return false;
        }

        foreach (Uri url in urls)
        {
            if (await _state.GetPageAsync(CrawlFrontier.Key(url, source), cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }
        }

        return true;
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
            problems.Add($"{kind} {url}: rejected, not safe or not well-formed XML: {UntrustedText.Clean(ex.Message)}");
        }
        catch (InvalidDataException ex)
        {
            problems.Add($"{kind} {url}: broken gzip: {UntrustedText.Clean(ex.Message)}");
        }
    }

    private static bool SameSite(Uri candidate, Uri listing) =>
        candidate.IsFile ? listing.IsFile : string.Equals(
            candidate.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase),
            listing.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase),
            StringComparison.OrdinalIgnoreCase);
}
