using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>Every fault the fake site can play ends in a clear outcome, asserted with the site's own log.</summary>
[TestFixture]
public sealed class ResponseGuardTests
{
    private const string Article = "<html><head><title>Nông dân</title></head><body><p>Những ngày cuối tháng 6, nông dân huyện Tân Hậu thu hoạch lúa.</p></body></html>";

    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp() => _site = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [Test]
    public async Task FetchAsync_ServerError_IsRetriedThenFailsWithItsStatus()
    {
        _site.Set("/a.html", SiteResponse.StatusOnly(500));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 2));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("http-500"));
            Assert.That(outcome.Detail, Does.Contain("HTTP 500"));
            Assert.That(_site.PageRequests.Select(r => r.Status), Is.EqualTo(new[] { 500, 500, 500 }));
        }
    }

    [TestCase(503)]
    [TestCase(429)]
    public async Task FetchAsync_RetryAfterThenOk_WaitsAsAskedAndFetches(int status)
    {
        _site.SetSequence("/a.html", SiteResponse.RetryAfter(status, 1), SiteResponse.Html(Article));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        IReadOnlyList<LoggedRequest> requests = _site.PageRequests;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(requests.Select(r => r.Status), Is.EqualTo(new[] { status, 200 }));
            Assert.That(requests[1].At - requests[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(970)));
        }
    }

    [Test]
    public async Task FetchAsync_TooManyRequestsEveryTime_FailsWithHttp429()
    {
        _site.Set("/a.html", SiteResponse.StatusOnly(429));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 1));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("http-429"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task FetchAsync_ConnectionReset_FailsWithConnectionAfterRetries()
    {
        _site.Set("/a.html", SiteResponse.Reset());
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 1));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("connection"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task FetchAsync_StalledBody_IsCutOffByTheAttemptTimeout()
    {
        _site.Set("/a.html", SiteResponse.Stalled(Article));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => { o.TimeoutSeconds = 0.5; o.MaxRetries = 0; }));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("timeout"));
            Assert.That(outcome.Detail, Does.Contain("0.5 s"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task FetchAsync_SlowRetries_AreCutOffByTheOverallTimeout()
    {
        _site.Set("/a.html", SiteResponse.RetryAfter(503, 1));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => { o.TotalTimeoutSeconds = 1.5; o.MaxRetries = 5; }));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("timeout"));
            Assert.That(outcome.Detail, Does.Contain("in all"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task FetchAsync_TruncatedBody_FailsWithTruncated()
    {
        _site.Set("/a.html", SiteResponse.Truncated(Article));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 1));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("truncated"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(2), "a cut-off body is transient: retried once");
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task FetchAsync_FiftyMegabyteBody_FailsWithTooLarge(bool announced)
    {
        _site.Set("/big.html", SiteResponse.Huge(50L * 1024 * 1024, announced));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxBodyBytes = 1024 * 1024));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/big.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-large"));
            Assert.That(outcome.Detail, Does.Contain("1048576-byte limit"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1), "not retried");
        }
    }

    [Test]
    public async Task FetchAsync_GzipBomb_IsCutOffAfterDecompression()
    {
        _site.Set("/bomb.html", SiteResponse.GzipBomb(16L * 1024 * 1024));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxBodyBytes = 1024 * 1024));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/bomb.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-large"));
            Assert.That(outcome.Detail, Does.Contain("after decompression"));
        }
    }

    [Test]
    public async Task FetchAsync_SmallGzipPage_IsDecompressed()
    {
        _site.Set("/small.html", SiteResponse.GzipBomb(4096));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxBodyBytes = 1024 * 1024));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/small.html"));

        Assert.That(outcome.Page?.Content.Body.Length, Is.EqualTo(4096));
    }

    [Test]
    public async Task FetchAsync_WrongCharset_PassesBytesAndContentTypeToExtraction()
    {
        // The header says UTF-8 but the bytes are windows-1258: decoding is Extraction's job (PageDecoder), so the
        // fetcher must hand over the exact bytes and the header as sent.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] body = Encoding.GetEncoding(1258).GetBytes("<html><body><p>Nông dân Tân Hậu</p></body></html>");
        _site.Set("/a.html", new SiteResponse(body, "text/html; charset=utf-8"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Page?.Content.Body.ToArray(), Is.EqualTo(body));
            Assert.That(outcome.Page?.Content.ContentType, Is.EqualTo("text/html; charset=utf-8"));
        }
    }

    [Test]
    public async Task FetchAsync_RedirectLoop_FailsWithTooManyRedirects()
    {
        _site.Set("/a", SiteResponse.Redirect("/b"));
        _site.Set("/b", SiteResponse.Redirect("/a"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRedirects = 4));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-many-redirects"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(5));
        }
    }

    [TestCase("billion-laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><rss><channel><item><link>&lol3;</link></item></channel></rss>")]
    [TestCase("xxe", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><item><link>&xxe;</link></item></channel></rss>")]
    public async Task DiscoverAsync_HostileFeed_ExpandsNothingAndIsAProblem(string kind, string xml)
    {
        _site.Set("/rss.xml", new SiteResponse(Encoding.UTF8.GetBytes(xml), "application/rss+xml"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "baosonghau", HomeUrl = _site.Url("/missing.html").AbsoluteUri, Feeds = [_site.Url("/rss.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.Empty, kind);
            Assert.That(result.Problems, Has.Some.StartsWith("feed ").And.Contains("not well-formed XML"), kind);
        }
    }

    [Test]
    public async Task DiscoverAsync_TruncatedFeed_KeepsTheLinksBeforeTheCutAndReportsIt()
    {
        _site.Set("/rss.xml", new SiteResponse("<?xml version=\"1.0\"?><rss><channel><item><link>/a.html</link></item><item><link>/b.ht"u8.ToArray(), "application/rss+xml"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());
        var source = new SourceDefinition { Id = "baosonghau", Feeds = [_site.Url("/rss.xml").AbsoluteUri] };

        DiscoveryResult result = await new SourceDiscovery(fetcher).DiscoverAsync(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Urls, Is.EqualTo(new[] { _site.Url("/a.html") }));
            Assert.That(result.Problems, Has.One.StartsWith("feed ").And.Contains("not well-formed XML").And.Contains("1 links read before it are kept"));
            Assert.That(result.Failed, Is.False);
        }
    }
}
