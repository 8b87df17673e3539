using System.Globalization;
using System.Text.RegularExpressions;
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
/// order; duplicates (after canonicalization) are dropped. Feeds and sitemaps are streamed into a bounded set that keeps
/// the newest <see cref="CrawlOptions.MaxDiscoveredPerSource"/> links, and one source's discovery reads at most
/// <see cref="CrawlOptions.MaxDiscoveryBytesPerSource"/>; what either cuts is reported.
/// </summary>
public sealed class SourceDiscovery : ISourceDiscovery
{
    /// <summary>Modification dates of one document's entries all within this spread are its generation time, not changes.</summary>
    private static readonly TimeSpan GeneratedStampSpread = TimeSpan.FromMinutes(1);

    private const int MaxSitemapDocuments = 50;

    private readonly IPageFetcher _fetcher;
    private readonly IDiscoveryHosts? _hosts;
    private readonly IStateStore? _state;
    private readonly CrawlOptions _options;

    /// <summary>Creates discovery over <paramref name="fetcher"/> (so feeds get the same politeness and guards).</summary>
    /// <param name="fetcher">The fetcher.</param>
    /// <param name="state">The seen-set: listing pagination stops at a page holding only known URLs. Optional.</param>
    /// <param name="options">
    /// What one source's discovery may keep (<see cref="CrawlOptions.MaxDiscoveredPerSource"/>) and read
    /// (<see cref="CrawlOptions.MaxDiscoveryBytesPerSource"/>); the defaults when <see langword="null"/>.
    /// </param>
    public SourceDiscovery(IPageFetcher fetcher, IStateStore? state = null, CrawlOptions? options = null)
        : this(fetcher, null, state, options)
    {
    }

    /// <summary>Creates discovery over the HTTP fetcher, which also applies source limits and reads robots.txt sitemaps.</summary>
    /// <param name="fetcher">The fetcher.</param>
    /// <param name="state">The seen-set. Optional.</param>
    /// <param name="options">The discovery caps; the defaults when <see langword="null"/>.</param>
    public SourceDiscovery(HttpPageFetcher fetcher, IStateStore? state = null, CrawlOptions? options = null)
        : this(fetcher, fetcher, state, options)
    {
    }

    /// <summary>Creates discovery over <paramref name="fetcher"/> for pages and <paramref name="hosts"/> for the rest.</summary>
    /// <param name="fetcher">The fetcher.</param>
    /// <param name="hosts">Source limits and robots.txt sitemaps; none when <see langword="null"/>.</param>
    /// <param name="state">The seen-set. Optional.</param>
    /// <param name="options">The discovery caps; the defaults when <see langword="null"/>.</param>
    public SourceDiscovery(IPageFetcher fetcher, IDiscoveryHosts? hosts, IStateStore? state = null, CrawlOptions? options = null)
    {
        _fetcher = fetcher;
        _hosts = hosts;
        _state = state;
        _options = options ?? new CrawlOptions();

        // A windows-1258 feed may be the first thing this process decodes.
        TextEncodings.EnsureRegistered();
    }

    /// <inheritdoc />
    public async Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        // Before the first request, so even discovery runs at the source's own pace.
        _hosts?.ApplySourceLimits(source);
        var run = new DiscoveryRun(_options);

        var feeds = source.Feeds.Select(f => new Uri(f)).ToList();
        if (Uri.TryCreate(source.HomeUrl, UriKind.Absolute, out Uri? home))
        {
            if (await FetchAsync(home, "home page", run, cancellationToken).ConfigureAwait(false) is { } page)
            {
                feeds.AddRange(HtmlLinks.Feeds(page.Content.Body.Span, page.Content.Url).Where(f => !feeds.Contains(f)));
            }
        }

        foreach (Uri feed in feeds)
        {
            await ReadXmlAsync(feed, "feed", run, null, cancellationToken).ConfigureAwait(false);
        }

        var pending = new Queue<Uri>(source.Sitemaps.Select(s => new Uri(s)));
        if (_hosts is not null && home is not null && home.Scheme is "http" or "https")
        {
            IReadOnlyList<Uri> sitemaps;
            try
            {
                sitemaps = await _hosts.AnnouncedSitemapsAsync(home, cancellationToken).ConfigureAwait(false);
            }
            catch (Core.Work.HostBusyException ex)
            {
                // The home page redirects to a host another worker held too long: the feeds and the configured
                // sitemaps are still read, and the next pass asks robots.txt again.
                run.Problems.Add($"robots.txt of {home}: {ex.Message}");
                sitemaps = [];
            }

            foreach (Uri announced in sitemaps.Where(u => !pending.Contains(u)))
            {
                pending.Enqueue(announced);
            }
        }

        var seenSitemaps = new HashSet<Uri>();
        while (pending.Count > 0 && seenSitemaps.Count < MaxSitemapDocuments)
        {
            Uri sitemap = pending.Dequeue();
            if (!seenSitemaps.Add(sitemap))
            {
                continue;
            }

            if (run.BudgetSpent)
            {
                run.Unread++;
                continue;
            }

            await ReadXmlAsync(sitemap, "sitemap", run, pending, cancellationToken).ConfigureAwait(false);
        }

        if (pending.Count > 0 && run.BudgetSpent)
        {
            // Not read for the budget's sake, whatever the document limit says.
            run.Unread += pending.Count;
        }
        else if (pending.Count > 0)
        {
            run.Problems.Add(string.Create(CultureInfo.InvariantCulture, $"sitemaps: at most {MaxSitemapDocuments} sitemap documents per source; {pending.Count} more not fetched"));
        }

        var listed = new List<Uri>();
        foreach (ListingPage listing in source.Listings)
        {
            await ReadListingAsync(listing, source, listed, run, cancellationToken).ConfigureAwait(false);
        }

        return run.Result(listed);
    }

    private async Task ReadListingAsync(
        ListingPage listing,
        SourceDefinition source,
        List<Uri> listed,
        DiscoveryRun run,
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
                if (await FetchAsync(url, "listing", run, cancellationToken).ConfigureAwait(false) is not { } page)
                {
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
                    run.Problems.Add($"listing {url}: nextPagePattern '{nextPattern?.Text}' timed out; pagination stopped here");
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
            run.Problems.AddRange(budget.Problems($"listing {listing.Url}: articlePattern"));
        }
    }

    private async Task<bool> AllKnownAsync(List<Uri> urls, SourceDefinition source, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return false;
        }

        Uri[] keys = [.. urls.Select(u => CrawlFrontier.Key(u, source))];
        IReadOnlyDictionary<string, PageState> known = await _state.GetPagesAsync(keys, cancellationToken).ConfigureAwait(false);
        return keys.All(k => known.ContainsKey(k.AbsoluteUri));
    }

    /// <summary>Fetches one discovery document within the source's byte budget; a failure becomes a problem line.</summary>
    private async Task<FetchedPage?> FetchAsync(Uri url, string kind, DiscoveryRun run, CancellationToken cancellationToken)
    {
        run.Attempted++;
        if (run.BudgetSpent)
        {
            run.Unread++;
            return null;
        }

        FetchOutcome outcome = await _fetcher.FetchAsync(url, null, FetchPurpose.Discovery, cancellationToken).ConfigureAwait(false);
        if (outcome.Page is not { } page)
        {
            run.Problems.Add($"{kind} {url}: {outcome.Reason} {outcome.Detail}");
            return null;
        }

        run.Read++;
        run.BytesRead += page.Content.Body.Length;
        return page;
    }

    private async Task ReadXmlAsync(Uri url, string kind, DiscoveryRun run, Queue<Uri>? nestedSitemaps, CancellationToken cancellationToken)
    {
        if (await FetchAsync(url, kind, run, cancellationToken).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        // The body was counted as downloaded; what counts is what is parsed (a gzip sitemap is more than its download).
        run.BytesRead -= page.Content.Body.Length;
        var nested = new List<DiscoveredLink>();
        DateTimeOffset? earliest = null, latest = null;
        int dated = 0;
        FeedReadResult read = FeedParser.Read(
            page.Content.Body,
            page.Content.Url,
            link =>
            {
                if (link.Modified is { } modified)
                {
                    dated++;
                    earliest = earliest is null || modified < earliest ? modified : earliest;
                    latest = latest is null || modified > latest ? modified : latest;
                }

                run.Links.Add(link);
            },
            nested.Add,
            Math.Max(1, run.BytesLeft),
            run.Links.Wants,
            cancellationToken);
        run.BytesRead += Math.Max(read.BytesRead, page.Content.Body.Length);
        if (dated >= 2 && latest - earliest <= GeneratedStampSpread)
        {
            // Every entry changed within the same minute: the document's generation time, not the pages' changes (a
            // sitemap stamping each lastmod "now" would otherwise have every known article fetched again each pass).
            run.Links.ForgetModified(earliest!.Value, latest!.Value);
        }

        // An index's newest sitemaps first: if the budget runs out, it is the old ones that go unread.
        foreach (DiscoveredLink sitemap in nested.OrderByDescending(s => s.Date ?? DateTimeOffset.MinValue))
        {
            nestedSitemaps?.Enqueue(sitemap.Url);
        }

        if (read.Error is { } error)
        {
            string kept = string.Create(CultureInfo.InvariantCulture, $"{read.Links + read.Sitemaps} links read before it are kept");
            run.Problems.Add(read.Truncated && run.BudgetSpent
                ? $"{kind} {url}: {error} (Crawl:MaxDiscoveryBytesPerSource spent); {kept}"
                : read.Truncated
                    ? $"{kind} {url}: {error} (the sitemap protocol's 50 MiB); {kept}"
                    : $"{kind} {url}: {error}; {kept}");
        }
        else if (read.Links + read.Sitemaps == 0)
        {
            run.Problems.Add($"{kind} {url}: no links found (no item, entry or url with a link or loc)");
        }
    }

    private static bool SameSite(Uri candidate, Uri listing) =>
        candidate.IsFile ? listing.IsFile : string.Equals(
            candidate.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase),
            listing.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase),
            StringComparison.OrdinalIgnoreCase);
}
