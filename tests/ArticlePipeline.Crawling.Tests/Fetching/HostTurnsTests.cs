using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Work;
using ArticlePipeline.Crawling.Tests.EndToEnd;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>
/// Issue 13: in a cluster the fetcher asks a host other than its worker's own only in that host's turn. A host another
/// worker holds for too long fails the request as <c>host-busy</c>: nothing is sent, and robots.txt not asked is not
/// taken for an unreachable one (which would disallow the host here until the retry).
/// </summary>
[TestFixture]
public sealed class HostTurnsTests
{
    [Test]
    public async Task FetchAsync_HostBusyForRobotsTxt_NothingIsSent_AndTheNextTurnFetchesThePage()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.Set("/feed.xml", SiteResponse.Xml("<rss version=\"2.0\"><channel><title>t</title></channel></rss>"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var gate = new BusyOnce();
        HostTurns.Use(gate);

        FetchOutcome busy = await fetcher.FetchAsync(site.Url("feed.xml"), purpose: FetchPurpose.Discovery);
        int sentWhileBusy = site.Requests.Count;
        FetchOutcome next = await fetcher.FetchAsync(site.Url("feed.xml"), purpose: FetchPurpose.Discovery);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(busy.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(busy.Reason, Is.EqualTo(FetchReasons.HostBusy));
            Assert.That(sentWhileBusy, Is.Zero, "neither robots.txt nor the feed was asked");
            Assert.That(next.Status, Is.EqualTo(FetchStatus.Fetched), "robots.txt is asked in the next turn, not remembered as unreachable");
            Assert.That(site.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/robots.txt", "/feed.xml" }));
            Assert.That(gate.Entered, Is.EqualTo(new[] { "/robots.txt", "/robots.txt", "/feed.xml" }), "each request takes its host's turn");
        }
    }

    [Test]
    public async Task CrawlAsync_ArticleOnAHostAnotherWorkerHolds_FailsAsHostBusyWithoutCountingAgainstTheUrl_AndIsWrittenNextTime()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        Uri url = site.Url(SiteContent.ArticlePath(1));
        site.Set(url.AbsolutePath, SiteResponse.Html(SiteContent.Article(1, url)));
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options());
        var source = new SourceDefinition { Id = "bao", Name = "bao", HomeUrl = site.BaseUrl.AbsoluteUri };
        HostTurns.Use(new BusyOnce());

        CrawlItemResult busy = await harness.Processor.CrawlAsync(url, source, new CrawlPass());
        PageState? afterBusy = await harness.State.GetPageAsync(url);
        CrawlItemResult next = await harness.Processor.CrawlAsync(url, source, new CrawlPass());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(busy.Outcome?.Reason, Is.EqualTo(FetchReasons.HostBusy));
            Assert.That(busy.Requested, Is.False, "nothing was sent");
            Assert.That(afterBusy, Is.Null, "no failure recorded against the URL: no backoff, never parked for another worker's host");
            Assert.That(next.Outcome?.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
        }
    }

    /// <summary>A gate whose host is another worker's for the first request, then free.</summary>
    private sealed class BusyOnce : IHostGate
    {
        public List<string> Entered { get; } = [];

        public ValueTask<IAsyncDisposable?> EnterAsync(Uri url, CancellationToken cancellationToken)
        {
            Entered.Add(url.AbsolutePath);
            return Entered.Count == 1
                ? throw new HostBusyException($"{url}: host {HostLease.KeyOf(url)} was held by another worker; not asked")
                : ValueTask.FromResult<IAsyncDisposable?>(null);
        }
    }
}
