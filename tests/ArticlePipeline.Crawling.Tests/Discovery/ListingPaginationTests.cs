using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Discovery;

/// <summary>Listing pages newest first, pagination to a depth, and the early stop at a page of known URLs.</summary>
[TestFixture]
public sealed class ListingPaginationTests
{
    private LoopbackNewsSite _site = null!;
    private HttpPageFetcher _fetcher = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _fetcher = new HttpPageFetcher(TestNetwork.Options());
    }

    [TearDown]
    public async Task TearDown()
    {
        _fetcher.Dispose();
        await _site.DisposeAsync();
    }

    [Test]
    public async Task DiscoverAsync_ThreePagesOfPagination_ReadsUpToMaxPagesInOrder()
    {
        PublishListing(pages: 4, perPage: 3, link: Link.Text);

        DiscoveryResult result = await new SourceDiscovery(_fetcher).DiscoverAsync(Source(maxPages: 3));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EqualTo(Articles(1, 9)), "newest first, page by page");
            Assert.That(ListingRequests(), Is.EqualTo(new[] { "/thoi-su", "/thoi-su/trang-2.html", "/thoi-su/trang-3.html" }));
        }
    }

    [Test]
    public async Task DiscoverAsync_RelNext_IsFollowed()
    {
        PublishListing(pages: 3, perPage: 2, link: Link.RelNext);

        DiscoveryResult result = await new SourceDiscovery(_fetcher).DiscoverAsync(Source(maxPages: 5));

        Assert.That(result.Urls, Is.EqualTo(Articles(1, 6)));
    }

    [Test]
    public async Task DiscoverAsync_NumberedPagesOnly_FollowsTheNextPagePattern()
    {
        PublishListing(pages: 3, perPage: 2, link: Link.Numbered);

        DiscoveryResult withPattern = await new SourceDiscovery(_fetcher).DiscoverAsync(Source(maxPages: 5, nextPagePattern: @"/trang-\d+\.html$"));
        DiscoveryResult without = await new SourceDiscovery(_fetcher).DiscoverAsync(Source(maxPages: 5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withPattern.Urls, Is.EqualTo(Articles(1, 6)));
            Assert.That(without.Urls, Is.EqualTo(Articles(1, 2)), "without a pattern, numbered links are not recognised as 'next'");
        }
    }

    [Test]
    public async Task DiscoverAsync_DefaultMaxPages_ReadsOnlyTheListingItself()
    {
        PublishListing(pages: 3, perPage: 2, link: Link.Text);

        DiscoveryResult result = await new SourceDiscovery(_fetcher).DiscoverAsync(Source(maxPages: new ListingPage().MaxPages));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EqualTo(Articles(1, 2)));
            Assert.That(ListingRequests(), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task DiscoverAsync_PageOfKnownUrls_StopsThePagination()
    {
        PublishListing(pages: 4, perPage: 3, link: Link.Text);
        var state = new KnownUrls(Articles(4, 6).Concat(Articles(1, 2)).Select(u => CrawlFrontier.Key(u, null)));

        DiscoveryResult result = await new SourceDiscovery(_fetcher, state).DiscoverAsync(Source(maxPages: 4));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EqualTo(Articles(1, 6)), "page 1 has a new article (3); page 2 holds only known URLs");
            Assert.That(ListingRequests(), Is.EqualTo(new[] { "/thoi-su", "/thoi-su/trang-2.html" }));
        }
    }

    [Test]
    public async Task DiscoverAsync_PaginationLeavingTheSite_IsNotFollowed()
    {
        _site.Set("/thoi-su", SiteResponse.Html(SiteContent.Listing(Articles(1, 2), new Uri("https://elsewhere.example.vn/thoi-su/trang-2.html"))));

        DiscoveryResult result = await new SourceDiscovery(_fetcher).DiscoverAsync(Source(maxPages: 3));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EqualTo(Articles(1, 2)));
            Assert.That(result.Problems, Has.None.StartsWith("listing "));
        }
    }

    private enum Link
    {
        Text,
        RelNext,
        Numbered,
    }

    private SourceDefinition Source(int maxPages, string? nextPagePattern = null) => new()
    {
        Id = "baosonghau",
        HomeUrl = _site.Url("/missing-home.html").AbsoluteUri,
        Listings = [new ListingPage { Url = _site.Url("/thoi-su").AbsoluteUri, ArticlePattern = @"-a\d+\.html$", MaxPages = maxPages, NextPagePattern = nextPagePattern }],
    };

    private List<Uri> Articles(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(i => _site.Url($"/tin-tuc/bai-{i}-a{1000 + i}.html")).ToList();

    private List<string> ListingRequests() => _site.PageRequests.Where(r => r.Path.StartsWith("/thoi-su", StringComparison.Ordinal)).Select(r => r.Path).ToList();

    private void PublishListing(int pages, int perPage, Link link)
    {
        for (int page = 1; page <= pages; page++)
        {
            string path = page == 1 ? "/thoi-su" : $"/thoi-su/trang-{page}.html";
            Uri? next = page < pages ? _site.Url($"/thoi-su/trang-{page + 1}.html") : null;
            List<Uri> articles = Articles(((page - 1) * perPage) + 1, page * perPage);
            string html = link switch
            {
                Link.RelNext => SiteContent.Listing(articles, next, relNext: true),
                Link.Numbered => SiteContent.Listing(articles, next, nextText: (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => SiteContent.Listing(articles, next),
            };
            _site.Set(path, SiteResponse.Html(html));
        }
    }

    /// <summary>A state store that knows some URLs (a hand-written fake of the seen-set).</summary>
    private sealed class KnownUrls(IEnumerable<Uri> known) : IStateStore
    {
        private readonly HashSet<Uri> _known = [.. known];

        public Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default) =>
            Task.FromResult(_known.Contains(url) ? new PageState(url, null, null, null, PageOutcome.Written, 0, DateTimeOffset.UnixEpoch) : null);

        public Task SavePageAsync(PageState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<Uri?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken = default) => Task.FromResult<Uri?>(null);
    }
}
