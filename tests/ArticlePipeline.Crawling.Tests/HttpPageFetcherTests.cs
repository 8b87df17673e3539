using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests;

[TestFixture]
public sealed class HttpPageFetcherTests
{
    private const string Article = "<html><head><title>Nông dân Tân Hậu</title></head><body><p>Những ngày cuối tháng 6, nông dân huyện Tân Hậu thu hoạch lúa.</p></body></html>";

    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp() => _site = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    private static NetworkOptions Options(Action<NetworkOptions>? change = null)
    {
        var options = new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 };
        change?.Invoke(options);
        return options;
    }

    [Test]
    public async Task FetchAsync_Page_ReturnsBodyTypeAndETag()
    {
        _site.Set("/tin-tuc/a1001.html", SiteResponse.Html(Article) with { Headers = new Dictionary<string, string> { ["ETag"] = "\"v1\"" } });
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1001.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(outcome.Page?.StatusCode, Is.EqualTo(200));
            Assert.That(outcome.Page?.ETag, Is.EqualTo("\"v1\""));
            Assert.That(outcome.Page?.Content.ContentType, Is.EqualTo("text/html; charset=utf-8"));
            Assert.That(outcome.Page?.Content.Url, Is.EqualTo(_site.Url("/tin-tuc/a1001.html")));
            Assert.That(Encoding.UTF8.GetString(outcome.Page?.Content.Body.ToArray() ?? []), Is.EqualTo(Article));
            Assert.That(_site.PageRequests.Single().UserAgent, Is.EqualTo(new NetworkOptions().UserAgent));
        }
    }

    [Test]
    public async Task FetchAsync_NotFound_FailsWithHttp404WithoutRetrying()
    {
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/missing.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("http-404"));
            Assert.That(outcome.Page, Is.Null);
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task FetchAsync_ImageForAnArticle_FailsWithContentType()
    {
        _site.Set("/img/a.png", new SiteResponse([0x89, 0x50, 0x4E, 0x47], "image/png"));
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/img/a.png"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("content-type"));
        }
    }

    [Test]
    public async Task FetchAsync_XmlForDiscovery_IsAcceptedButNotForAnArticle()
    {
        _site.Set("/rss.xml", new SiteResponse(Encoding.UTF8.GetBytes("<rss/>"), "application/rss+xml"));
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome discovery = await fetcher.FetchAsync(_site.Url("/rss.xml"), purpose: FetchPurpose.Discovery);
        FetchOutcome article = await fetcher.FetchAsync(_site.Url("/rss.xml"), purpose: FetchPurpose.Article);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(discovery.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(article.Reason, Is.EqualTo("content-type"));
        }
    }

    [Test]
    public async Task FetchAsync_RedirectLoop_FailsWithTooManyRedirects()
    {
        _site.Set("/loop", SiteResponse.Redirect("/loop"));
        using var fetcher = new HttpPageFetcher(Options(o => o.MaxRedirects = 3));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/loop"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("too-many-redirects"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(4), "the first request and three redirects");
        }
    }

    [Test]
    public async Task FetchAsync_Redirect_IsFollowedToThePage()
    {
        _site.Set("/old.html", SiteResponse.Redirect("/tin-tuc/a1001.html", 301));
        _site.Set("/tin-tuc/a1001.html", SiteResponse.Html(Article));
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/old.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(outcome.Url, Is.EqualTo(_site.Url("/old.html")));
            Assert.That(outcome.Page?.Content.Url, Is.EqualTo(_site.Url("/tin-tuc/a1001.html")));
        }
    }

    [Test]
    public async Task FetchAsync_BodyOverTheLimit_FailsWithTooLarge()
    {
        _site.Set("/big.html", SiteResponse.Html("<html><body>" + new string('x', 10_000) + "</body></html>"));
        using var fetcher = new HttpPageFetcher(Options(o => o.MaxBodyBytes = 2048));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/big.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("too-large"));
        }
    }

    [Test]
    public async Task FetchAsync_UnavailableTwiceThenOk_RetriesAndFetches()
    {
        // Retry-After spaces the attempts a second apart, so the test can swap the answer between them.
        _site.Set("/flaky.html", SiteResponse.StatusOnly(503, new Dictionary<string, string> { ["Retry-After"] = "1" }));
        using var fetcher = new HttpPageFetcher(Options());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        Task<FetchOutcome> fetch = fetcher.FetchAsync(_site.Url("/flaky.html"), cancellationToken: timeout.Token);
        while (_site.PageRequests.Count < 2 && !fetch.IsCompleted)
        {
            await Task.Delay(5, timeout.Token);
        }

        _site.Set("/flaky.html", SiteResponse.Html(Article));
        FetchOutcome outcome = await fetch;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(_site.PageRequests.Select(r => r.Status), Is.EqualTo(new[] { 503, 503, 200 }));
        }
    }

    [Test]
    public async Task FetchAsync_UnavailableEveryTime_FailsAfterTheRetries()
    {
        _site.Set("/down.html", SiteResponse.StatusOnly(503));
        using var fetcher = new HttpPageFetcher(Options(o => o.MaxRetries = 2));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/down.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("http-503"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task FetchAsync_RetryAfterLongerThanAllowed_IsNotWaitedFor()
    {
        _site.Set("/busy.html", SiteResponse.StatusOnly(429, new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        using var fetcher = new HttpPageFetcher(Options(o => o.MaxRetryAfterSeconds = 60));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/busy.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("http-429"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task FetchAsync_LoopbackWithoutPermission_IsRefusedBeforeAnyRequest()
    {
        _site.Set("/tin-tuc/a1001.html", SiteResponse.Html(Article));
        using var fetcher = new HttpPageFetcher(Options(o => o.AllowPrivateAddresses = false));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1001.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(outcome.Reason, Is.EqualTo("address-policy"));
            Assert.That(_site.PageRequests, Is.Empty);
        }
    }

    [TestCase("http://localhost/a.html")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://[::1]/a.html")]
    [TestCase("http://10.0.0.5/a.html")]
    public async Task FetchAsync_InternalAddressWithoutPermission_IsRefused(string url)
    {
        using var fetcher = new HttpPageFetcher(Options(o => o.AllowPrivateAddresses = false));

        FetchOutcome outcome = await fetcher.FetchAsync(new Uri(url));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(outcome.Reason, Is.EqualTo("address-policy"));
        }
    }

    [Test]
    public async Task FetchAsync_RedirectToFtp_IsRefused()
    {
        _site.Set("/to-ftp", SiteResponse.Redirect("ftp://baosonghau.example.vn/a.html"));
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/to-ftp"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(outcome.Reason, Is.EqualTo("redirect-refused"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task FetchAsync_FileUrlWhenNotAllowed_IsRefused()
    {
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(new Uri("file:///etc/hostname"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(outcome.Reason, Is.EqualTo("scheme"));
        }
    }

    [Test]
    public async Task FetchAsync_WithValidators_SendsTheETagAsIfNoneMatch()
    {
        _site.Set("/tin-tuc/a1001.html", SiteResponse.Html(Article) with { Headers = new Dictionary<string, string> { ["ETag"] = "\"v1\"" } });
        using var fetcher = new HttpPageFetcher(Options());
        FetchOutcome first = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1001.html"));

        await fetcher.FetchAsync(_site.Url("/tin-tuc/a1001.html"), new FetchValidators(first.Page!.ETag, null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_site.PageRequests.Select(r => r.IfNoneMatch), Is.EqualTo(new[] { null, "\"v1\"" }));
        }
    }

    [Test]
    public async Task FetchAsync_NotModified_IsNotModifiedWithoutPage()
    {
        _site.Set("/tin-tuc/a1001.html", SiteResponse.StatusOnly(304));
        using var fetcher = new HttpPageFetcher(Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1001.html"), new FetchValidators("\"v1\"", null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.NotModified));
            Assert.That(outcome.Page, Is.Null);
            Assert.That(_site.PageRequests.Single().IfNoneMatch, Is.EqualTo("\"v1\""));
        }
    }
}
