using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Testing.NewsSite;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Crawling.Tests.EndToEnd;

/// <summary>
/// Whole crawl passes through <see cref="CrawlRunner"/> and <see cref="ArticleProcessor"/> with the real stages,
/// against several loopback news sites (several hosts), asserted from the sites' own request logs and the output.
/// </summary>
[TestFixture]
public sealed class CrawlEndToEndTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(30);
    private static readonly DateTimeOffset Published = new(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));

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
    public async Task RunAsync_ThreeHostsWithFaults_WritesEveryHealthyArticleAndCountsEveryFaultPolitely()
    {
        LoopbackNewsSite a = await SiteAsync(), b = await SiteAsync(), c = await SiteAsync();
        List<Uri> healthyA = Healthy(a, 1), healthyB = Healthy(b, 11), healthyC = Healthy(c, 21);
        Uri retried = Article(a, 7, site => SiteResponse.RetryAfter(503, 1), then: true);
        Uri wrongCharset = a.Url(SiteContent.ArticlePath(8));
        a.Set(wrongCharset.AbsolutePath, new SiteResponse(SiteContent.Windows1258(SiteContent.Article(8, wrongCharset)), "text/html; charset=utf-8"));
        List<Uri> faultsA = [Fault(a, "loi-500", SiteResponse.StatusOnly(500)), Fault(a, "reset", SiteResponse.Reset())];
        List<Uri> faultsB =
        [
            Fault(b, "stalled", SiteResponse.Stalled(SiteContent.Article(90, a.BaseUrl))),
            Fault(b, "truncated", SiteResponse.Truncated(SiteContent.Article(91, a.BaseUrl))),
            Fault(b, "huge", SiteResponse.Huge(50L * 1024 * 1024, announceLength: false)),
            Fault(b, "gzip-bomb", SiteResponse.GzipBomb(16L * 1024 * 1024)),
        ];
        c.Set("/robots.txt", SiteResponse.Text("User-agent: *\nDisallow: /rieng-tu/\n"));
        Uri disallowed = c.Url("/rieng-tu/bai-mat-a9100.html");
        c.Set(disallowed.AbsolutePath, SiteResponse.Html(SiteContent.Article(92, disallowed)));
        List<Uri> faultsC = [Fault(c, "vong-lap", SiteResponse.Redirect("/tin-tuc/vong-lap-a9000.html")), Fault(c, "khong-co", SiteResponse.StatusOnly(404)), disallowed];
        Feed(a, [.. healthyA, retried, wrongCharset, .. faultsA]);
        Feed(b, [.. healthyB, .. faultsB]);
        Feed(c, [.. healthyC, .. faultsC]);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(), CrawlHarness.RevisitEveryPass());
        SourceDefinition[] sources = [Source("bao-a", a), Source("bao-b", b), Source("bao-c", c)];

        CrawlSummary first = await harness.RunAsync(8, sources);
        int[] logged = await LoggedAsync(a, b, c);
        int manifest = harness.ManifestLines();
        CrawlSummary second = await harness.RunAsync(8, sources);
        await LoggedAsync(a, b, c);

        using (Assert.EnterMultipleScope())
        {
            // Pass 1: every healthy article written, every fault ended in a clear, counted outcome.
            Assert.That(first.Written, Is.EqualTo(20), string.Join("\n", first.ToLines()));
            Assert.That(harness.Records("bao-a"), Has.Length.EqualTo(8));
            Assert.That(harness.Records("bao-b"), Has.Length.EqualTo(6));
            Assert.That(harness.Records("bao-c"), Has.Length.EqualTo(6));
            Assert.That(first.FailedByReason, Is.EquivalentTo(new Dictionary<string, int>
            {
                ["http-500"] = 1, ["connection"] = 1, ["timeout"] = 1, ["truncated"] = 1, ["too-many-redirects"] = 1, ["http-404"] = 1,
            }));
            Assert.That(first.SkippedByReason, Is.EquivalentTo(new Dictionary<string, int> { [SkipReasons.TooLarge] = 2, [SkipReasons.Robots] = 1 }));
            Assert.That(first.Discovered, Is.EqualTo(29));
            Assert.That(first.ToLines().First(), Does.Contain("written 20").And.Contain("skipped 3").And.Contain("failed 6"));
            Assert.That(first.ToLines(), Has.Some.EqualTo("skipped: robots 1, too-large 2"));
            Assert.That(harness.Records("bao-a").Select(CrawlHarness.Title), Has.Some.EqualTo(SiteContent.Title(8)), "windows-1258 bytes under a UTF-8 header still decode right");

            // robots.txt: the disallowed path was never requested, by either pass.
            Assert.That(c.Requests.Any(r => r.Path.StartsWith("/rieng-tu/", StringComparison.Ordinal)), Is.False);

            // Politeness, from each host's own log over both passes: never two requests at once, never faster than the delay.
            foreach (LoopbackNewsSite site in new[] { a, b, c })
            {
                Assert.That(RequestLog.MaximumInFlight(site.Requests), Is.EqualTo(1), site.Authority);
                Assert.That(RequestLog.MinimumGap(site.Requests), Is.GreaterThanOrEqualTo(Delay - Tolerance), site.Authority);
            }

            // Pass 2 over the unchanged sites: only 304s for the articles, no writes, failures waiting out their backoff.
            Assert.That(second.Written, Is.Zero);
            Assert.That(second.NotModified, Is.EqualTo(20));
            Assert.That(second.Failed, Is.Zero);
            Assert.That(second.SkippedByReason, Is.EquivalentTo(new Dictionary<string, int> { [SkipReasons.Backoff] = 8, [SkipReasons.Robots] = 1 }));
            Assert.That(harness.ManifestLines(), Is.EqualTo(manifest), "nothing appended to the manifest");
            List<LoggedRequest> secondPass = new[] { a, b, c }.SelectMany((site, i) => site.Requests.Skip(logged[i])).ToList();
            List<int> articleStatuses = secondPass.Where(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal)).Select(r => r.Status).ToList();
            Assert.That(articleStatuses, Has.Count.EqualTo(20).And.All.EqualTo(304));
            Assert.That(secondPass.Count(r => r.Path == "/robots.txt"), Is.Zero, "robots.txt is cached");
        }
    }

    [Test]
    public async Task RunAsync_SyndicatedCopyAndCanonicalVariant_AreSkippedNotWrittenTwice()
    {
        LoopbackNewsSite original = await SiteAsync(autoValidators: false), syndicator = await SiteAsync(autoValidators: false);
        Uri article = original.Url(SiteContent.ArticlePath(1));
        original.Set(article.AbsolutePath, SiteResponse.Html(SiteContent.Article(1, article)));
        Uri second = original.Url(SiteContent.ArticlePath(2));
        original.Set(second.AbsolutePath, SiteResponse.Html(SiteContent.Article(2, second)));
        Uri variant = new(second.AbsoluteUri + "?from=home");
        Uri copy = syndicator.Url("/ban-tin/nong-dan-tan-hau-copy.html");
        syndicator.Set(copy.AbsolutePath, SiteResponse.Html(SiteContent.Article(1, copy)));
        Feed(original, [article, second, variant]);
        Feed(syndicator, [copy]);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(), CrawlHarness.RevisitEveryPass());
        SourceDefinition[] sources = [Source("goc", original), Source("lai", syndicator)];

        CrawlSummary first = await harness.RunAsync(1, sources);
        CrawlSummary again = await harness.RunAsync(1, sources);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Written, Is.EqualTo(2), string.Join("\n", first.ToLines()));
            Assert.That(first.SkippedByReason, Is.EquivalentTo(new Dictionary<string, int> { [SkipReasons.Seen] = 1, [SkipReasons.Duplicate] = 1 }));
            Assert.That(harness.Records("goc"), Has.Length.EqualTo(2));
            Assert.That(harness.Records("lai"), Is.Empty, "the syndicated copy is recognised by its content hash");
            Assert.That(harness.State.GetPageAsync(article).Result?.ContentHash, Does.StartWith("sha256:"), "the processor stores the new content hash");
            Assert.That(harness.State.GetPageAsync(copy).Result?.LastOutcome, Is.EqualTo(PageOutcome.DuplicateOf(article)));
            Assert.That(again.Written, Is.Zero);
            Assert.That(again.SkippedByReason[SkipReasons.Duplicate], Is.EqualTo(1), "still a copy on the next pass, whatever the store's order");
            Assert.That(harness.Records("lai"), Is.Empty);
        }
    }

    [Test]
    public async Task RunAsync_SyndicatedCopyAnswering304ThenTheSamePage_StaysACopy()
    {
        LoopbackNewsSite original = await SiteAsync(autoValidators: false), syndicator = await SiteAsync(autoValidators: true);
        Uri article = original.Url(SiteContent.ArticlePath(1));
        original.Set(article.AbsolutePath, SiteResponse.Html(SiteContent.Article(1, article)));
        Uri copy = syndicator.Url("/ban-tin/copy.html");
        syndicator.Set(copy.AbsolutePath, SiteResponse.Html(SiteContent.Article(1, copy)));
        Feed(original, [article]);
        Feed(syndicator, [copy]);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(), CrawlHarness.RevisitEveryPass());
        SourceDefinition[] sources = [Source("goc", original), Source("lai", syndicator)];

        CrawlSummary first = await harness.RunAsync(1, sources);
        CrawlSummary notModified = await harness.RunAsync(1, sources);
        syndicator.AutoValidators = false;
        CrawlSummary refetched = await harness.RunAsync(1, sources);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.SkippedByReason[SkipReasons.Duplicate], Is.EqualTo(1));
            Assert.That(notModified.NotModified, Is.EqualTo(1), "the copy answered 304");
            Assert.That(refetched.SkippedByReason[SkipReasons.Duplicate], Is.EqualTo(1), "a 304 in between does not forget it is a copy");
            Assert.That(harness.Records("lai"), Is.Empty);
        }
    }

    [Test]
    public async Task RunAsync_MirrorWithTheSameCanonicalUrl_IsWrittenForEachSource()
    {
        // Two sources serving the same pages whose canonical link names one URL: the same article, not a copy of
        // another one, so each source keeps its record (the scheduled worker runs sources like this). The canonical
        // URL is on the mirrors' own registrable domain (127.0.0.1), so it is trusted (issue 10, item 8).
        LoopbackNewsSite one = await SiteAsync(autoValidators: false), two = await SiteAsync(autoValidators: false);
        Uri canonical = one.Url(SiteContent.ArticlePath(1));
        foreach (LoopbackNewsSite site in new[] { one, two })
        {
            site.Set(SiteContent.ArticlePath(1), SiteResponse.Html(SiteContent.Article(1, canonical)));
            Feed(site, [site.Url(SiteContent.ArticlePath(1))]);
        }

        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network());

        CrawlSummary summary = await harness.RunAsync(2, Source("mot", one), Source("hai", two));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Written, Is.EqualTo(2), string.Join("\n", summary.ToLines()));
            Assert.That(harness.Records("mot"), Has.Length.EqualTo(1));
            Assert.That(harness.Records("hai"), Has.Length.EqualTo(1));
            Assert.That(Path.GetFileName(harness.Records("hai").Single()), Is.EqualTo(Path.GetFileName(harness.Records("mot").Single())), "one article, one id");
        }
    }

    [Test]
    public async Task RunAsync_UrlFailingEveryPass_BacksOffThenIsParkedAndReported()
    {
        LoopbackNewsSite site = await SiteAsync();
        List<Uri> healthy = Healthy(site, 1, count: 2);
        Uri failing = Fault(site, "loi", SiteResponse.StatusOnly(500));
        Feed(site, [.. healthy, failing]);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(o => o.MaxRetries = 0), new CrawlOptions { MaxConsecutiveFailures = 3 }, time);
        SourceDefinition source = Source("bao", site);

        var summaries = new List<CrawlSummary>();
        var requests = new List<int>();
        foreach (TimeSpan wait in new[] { TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(31), TimeSpan.FromDays(2) })
        {
            time.Advance(wait);
            summaries.Add(await harness.RunAsync(1, source));
            requests.Add(site.Requests.Count(r => r.Path == failing.AbsolutePath));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summaries[0].FailedByReason["http-500"], Is.EqualTo(1));
            Assert.That(summaries[1].SkippedByReason[SkipReasons.Backoff], Is.EqualTo(1), "retried no sooner than 15 minutes");
            Assert.That(summaries[2].FailedByReason["http-500"], Is.EqualTo(1));
            Assert.That(summaries[3].Parked.Single().Url, Is.EqualTo(failing));
            Assert.That(summaries[3].ToLines(), Has.Some.StartsWith($"parked: {failing} after 3 consecutive failures"));
            Assert.That(summaries[4].SkippedByReason[SkipReasons.Parked], Is.EqualTo(1));
            Assert.That(requests, Is.EqualTo(new[] { 1, 1, 2, 3, 3 }), "requested only when the frontier allowed it");
            Assert.That(summaries.Select(s => s.Failed + s.Written + s.NotModified + s.Unchanged + s.Skipped), Is.All.EqualTo(3), "every URL counted on every pass");
        }
    }

    [Test]
    public async Task RunAsync_HostFailingEverything_TripsItsBreakerWhileTheOtherHostIsWrittenInFull()
    {
        LoopbackNewsSite healthy = await SiteAsync(), failing = await SiteAsync();
        List<Uri> good = Healthy(healthy, 1, count: 10);
        List<Uri> bad = Enumerable.Range(0, 10).Select(i => Fault(failing, $"loi-{i}", SiteResponse.StatusOnly(503))).ToList();
        Feed(healthy, good);
        Feed(failing, bad);
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(Network(o => { o.MaxRetries = 0; o.BreakerMinimumThroughput = 4; }));

        CrawlSummary summary = await harness.RunAsync(2, Source("tot", healthy), Source("hong", failing));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Written, Is.EqualTo(10));
            Assert.That(summary.FailedByReason, Is.EquivalentTo(new Dictionary<string, int> { ["http-503"] = 3, ["circuit-open"] = 7 }));
            Assert.That(failing.Requests.Count(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal)), Is.EqualTo(3), "the open circuit stops the requests");
            Assert.That(healthy.Requests.Where(r => r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal)).Select(r => r.Status), Is.All.EqualTo(200));
        }
    }

    private static NetworkOptions Network(Action<NetworkOptions>? change = null)
    {
        var options = new NetworkOptions
        {
            AllowPrivateAddresses = true,
            DelaySeconds = Delay.TotalSeconds,
            TimeoutSeconds = 1,
            MaxRetries = 1,
            RetryBaseDelaySeconds = 0.01,
            MaxBodyBytes = 1024 * 1024,
        };
        change?.Invoke(options);
        return options;
    }

    private static SourceDefinition Source(string id, LoopbackNewsSite site) => new()
    {
        Id = id,
        Name = id,
        HomeUrl = site.BaseUrl.AbsoluteUri,
        Feeds = [site.Url("/rss.xml").AbsoluteUri],
    };

    private static List<Uri> Healthy(LoopbackNewsSite site, int first, int count = 6) =>
        Enumerable.Range(first, count).Select(n => Article(site, n, null, then: false)).ToList();

    private static Uri Article(LoopbackNewsSite site, int number, Func<LoopbackNewsSite, SiteResponse>? before, bool then)
    {
        Uri url = site.Url(SiteContent.ArticlePath(number));
        SiteResponse page = SiteResponse.Html(SiteContent.Article(number, url));
        if (before is not null && then)
        {
            site.SetSequence(url.AbsolutePath, before(site), page);
        }
        else
        {
            site.Set(url.AbsolutePath, page);
        }

        return url;
    }

    private static Uri Fault(LoopbackNewsSite site, string name, SiteResponse response)
    {
        Uri url = site.Url($"/tin-tuc/{name}-a9000.html");
        site.Set(url.AbsolutePath, response);
        return url;
    }

    private static void Feed(LoopbackNewsSite site, List<Uri> urls)
    {
        site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(urls.Select((u, i) => (u, Published.AddMinutes(-i))))));
        site.Set("/", SiteResponse.Html("<html><head><title>Trang chủ</title></head><body></body></html>"));
    }

    private static async Task<int[]> LoggedAsync(params LoopbackNewsSite[] sites)
    {
        foreach (LoopbackNewsSite site in sites)
        {
            await site.WaitIdleAsync();
        }

        return sites.Select(s => s.Requests.Count).ToArray();
    }

    private async Task<LoopbackNewsSite> SiteAsync(bool autoValidators = true)
    {
        LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
        site.AutoValidators = autoValidators;
        _sites.Add(site);
        return site;
    }
}
