using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>Per-host rate and concurrency, asserted from each site's own request log (host = host:port).</summary>
[TestFixture]
public sealed class PolitenessTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(30);

    private readonly List<LoopbackNewsSite> _sites = [];

    [TearDown]
    public async Task TearDown()
    {
        foreach (LoopbackNewsSite site in _sites)
        {
            await site.DisposeAsync();
        }

        _sites.Clear();
    }

    [Test]
    public async Task FetchAsync_ThreeHostsAtOnce_EachKeepsItsRateAndTheyRunSideBySide()
    {
        LoopbackNewsSite[] hosts = [await SiteAsync(), await SiteAsync(), await SiteAsync()];
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.DelaySeconds = 0.15));

        // Every host is asked for five pages at once: only politeness stands between them and a burst.
        await Task.WhenAll(hosts.SelectMany(site => Enumerable.Range(1, 5).Select(i => fetcher.FetchAsync(site.Url($"/tin-tuc/a{i}.html")))));

        foreach (LoopbackNewsSite site in hosts)
        {
            await site.WaitIdleAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            foreach (LoopbackNewsSite site in hosts)
            {
                Assert.That(site.PageRequests, Has.Count.EqualTo(5), site.Authority);
                Assert.That(RequestLog.MinimumGap(site.Requests), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.15) - Tolerance), site.Authority);
                Assert.That(RequestLog.MaximumInFlight(site.Requests), Is.EqualTo(1), site.Authority);
            }

            // Side by side: every host had begun before any host finished its five pages.
            DateTimeOffset lastStart = hosts.Max(s => s.Requests.Min(r => r.At));
            DateTimeOffset firstEnd = hosts.Min(s => s.Requests.Max(r => r.At));
            Assert.That(lastStart, Is.LessThan(firstEnd), "hosts do not wait for each other");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task FetchAsync_SlowHost_NeverHasMoreThanItsConnectionsInFlight(int connections)
    {
        LoopbackNewsSite site = await SiteAsync(delay: TimeSpan.FromMilliseconds(150));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxConnectionsPerHost = connections));

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => fetcher.FetchAsync(site.Url($"/tin-tuc/a{i}.html"))));
        await site.WaitIdleAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(site.PageRequests, Has.Count.EqualTo(6));
            Assert.That(RequestLog.MaximumInFlight(site.PageRequests), Is.EqualTo(connections), "the cap is reached and never exceeded");
        }
    }

    [Test]
    public async Task ApplySourceLimits_SourceDelay_OverridesTheDefaultForItsHostsOnly()
    {
        LoopbackNewsSite slow = await SiteAsync();
        LoopbackNewsSite other = await SiteAsync();
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.DelaySeconds = 0));
        fetcher.ApplySourceLimits(new SourceDefinition { Id = "slow", HomeUrl = slow.BaseUrl.AbsoluteUri, DelaySeconds = 0.3 });

        await Task.WhenAll(Enumerable.Range(1, 3).SelectMany(i => new[]
        {
            fetcher.FetchAsync(slow.Url($"/tin-tuc/a{i}.html")),
            fetcher.FetchAsync(other.Url($"/tin-tuc/a{i}.html")),
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RequestLog.MinimumGap(slow.Requests), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.3) - Tolerance));
            Assert.That(RequestLog.MinimumGap(other.Requests), Is.LessThan(TimeSpan.FromSeconds(0.3)), "the other host keeps the default");
        }
    }

    [Test]
    public async Task ApplySourceLimits_TwoSourcesOnOneHost_TheStrictestWins()
    {
        LoopbackNewsSite site = await SiteAsync(delay: TimeSpan.FromMilliseconds(100));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        fetcher.ApplySourceLimits(new SourceDefinition { Id = "a", HomeUrl = site.BaseUrl.AbsoluteUri, MaxConnectionsPerHost = 3, DelaySeconds = 0 });
        fetcher.ApplySourceLimits(new SourceDefinition { Id = "b", HomeUrl = site.BaseUrl.AbsoluteUri, MaxConnectionsPerHost = 2, DelaySeconds = 0 });

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => fetcher.FetchAsync(site.Url($"/tin-tuc/a{i}.html"))));
        await site.WaitIdleAsync();

        Assert.That(RequestLog.MaximumInFlight(site.PageRequests), Is.EqualTo(2));
    }

    [Test]
    public async Task FetchAsync_RetryAfter_HoldsTheWholeHostBack()
    {
        LoopbackNewsSite site = await SiteAsync();
        site.SetSequence("/tin-tuc/a1.html", SiteResponse.RetryAfter(503, 1), SiteResponse.Html("<p>ok</p>"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        await fetcher.FetchAsync(site.Url("/robots.txt"), purpose: FetchPurpose.Discovery);

        Task<FetchOutcome> first = fetcher.FetchAsync(site.Url("/tin-tuc/a1.html"));
        while (!site.PageRequests.Any(r => r.Path == "/tin-tuc/a1.html"))
        {
            await Task.Delay(5);
        }

        FetchOutcome other = await fetcher.FetchAsync(site.Url("/tin-tuc/a2.html"));
        FetchOutcome retried = await first;

        LoggedRequest unavailable = site.PageRequests.First(r => r.Status == 503);
        LoggedRequest next = site.PageRequests.First(r => r.At > unavailable.At);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(retried.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(other.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(next.At - unavailable.At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - Tolerance), "no request to the host within its Retry-After");
        }
    }

    [Test]
    public async Task FetchAsync_Cancelled_WhileWaitingForTheHost_LeavesTheHostUsable()
    {
        LoopbackNewsSite site = await SiteAsync(delay: TimeSpan.FromMilliseconds(300));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        await fetcher.FetchAsync(site.Url("/robots.txt"), purpose: FetchPurpose.Discovery);
        using var cancel = new CancellationTokenSource();

        Task<FetchOutcome> holding = fetcher.FetchAsync(site.Url("/tin-tuc/a1.html"));
        Task<FetchOutcome> waiting = fetcher.FetchAsync(site.Url("/tin-tuc/a2.html"), cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        await holding;
        FetchOutcome after = await fetcher.FetchAsync(site.Url("/tin-tuc/a3.html"));
        Assert.That(after.Status, Is.EqualTo(FetchStatus.Fetched));
    }

    private async Task<LoopbackNewsSite> SiteAsync(TimeSpan delay = default)
    {
        LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        for (int i = 1; i <= 6; i++)
        {
            site.Set($"/tin-tuc/a{i}.html", SiteResponse.Html($"<p>Bài {i}</p>") with { Delay = delay });
        }

        _sites.Add(site);
        return site;
    }
}
