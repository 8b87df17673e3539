using System.Net;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Crawling.Policy;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 10: a host whose name resolves to a private address is an address refusal, not a robots.txt skip; and
/// with <c>Network:Proxy</c> the address policy is checked on the target's own addresses, since the connection
/// then goes to the proxy.
/// </summary>
[TestFixture]
public sealed class Issue10AddressAndProxyTests
{
    private const string Page = "<html><head><title>Trang</title></head><body><p>Nông dân Tân Hậu thu hoạch lúa.</p></body></html>";

    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _site.Set("/tin-tuc/a1.html", SiteResponse.Html(Page));
    }

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [Test]
    public async Task FetchAsync_NameResolvingToAPrivateAddress_IsAnAddressRefusalNotARobotsSkip()
    {
        Uri url = await InternalNameUrlAsync("/tin-tuc/a1.html");
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.AllowPrivateAddresses = false));

        FetchOutcome outcome = await fetcher.FetchAsync(url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(outcome.Reason, Is.EqualTo("address-policy"), outcome.Detail);
            Assert.That(outcome.Detail, Does.Contain("resolves to"));
            Assert.That(_site.Requests, Is.Empty, "refused at connect time: nothing reached the server");
        }
    }

    [Test]
    public async Task CrawlAsync_NameResolvingToAPrivateAddress_IsCountedAsAnAddressPolicyFailure()
    {
        Uri url = await InternalNameUrlAsync("/tin-tuc/a1.html");
        using var folder = new TempDirectory();
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.AllowPrivateAddresses = false));
        using var sink = new JsonRecordSink(folder.Path);
        var processor = new ArticleProcessor(fetcher, new ArticleExtractor(), new ArticleNormalizer(), null, sink);
        var source = new SourceDefinition { Id = "noi-bo", Name = "Nội bộ", HomeUrl = new Uri(url, "/").AbsoluteUri };
        var summary = new CrawlSummary();

        CrawlItemResult result = await processor.CrawlAsync(url, source, new CrawlPass(new CrawlOptions()));
        summary.Add(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.SkipReason, Is.Null, "not a robots.txt skip");
            Assert.That(summary.FailedByReason, Is.EquivalentTo(new Dictionary<string, int> { ["address-policy"] = 1 }));
            Assert.That(summary.SkippedByReason, Is.Empty);
        }
    }

    [Test]
    public async Task FetchAsync_WithNetworkProxy_GoesThroughTheProxyEvenWhenTheProxyIsInternal()
    {
        // The proxy is on loopback (an internal address): the operator chose it, so the connection is allowed, while
        // the target (a public address literal, answered by the proxy) is what the policy checks.
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o =>
        {
            o.AllowPrivateAddresses = false;
            o.Proxy = _site.BaseUrl.AbsoluteUri.TrimEnd('/');
        }));

        FetchOutcome outcome = await fetcher.FetchAsync(new Uri("http://93.184.216.34/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched), outcome.Detail);
            Assert.That(_site.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/robots.txt", "/tin-tuc/a1.html" }), "both asked through the proxy");
        }
    }

    [Test]
    public async Task FetchAsync_WithNetworkProxy_TargetResolvingToAPrivateAddressIsRefusedBeforeTheProxyIsAsked()
    {
        Uri url = await InternalNameUrlAsync("/tin-tuc/a1.html");
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o =>
        {
            o.AllowPrivateAddresses = false;
            o.Proxy = _site.BaseUrl.AbsoluteUri;
        }));

        FetchOutcome outcome = await fetcher.FetchAsync(url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Refused));
            Assert.That(outcome.Reason, Is.EqualTo("address-policy"), outcome.Detail);
            Assert.That(outcome.Detail, Does.Contain("resolves to"));
            Assert.That(_site.Requests, Is.Empty, "the proxy was never asked to reach it");
        }
    }

    [TestCase("MyArchive/1.0\r\nX-Injected: 1")]
    [TestCase("MyArchive/1.0\nX-Injected: 1")]
    [TestCase("MyArchive/1.0\u001b[31m")]
    public void Validate_UserAgentWithControlCharacters_IsAProblem(string userAgent)
    {
        IReadOnlyList<string> problems = new NetworkOptions { UserAgent = userAgent }.Validate();

        Assert.That(problems, Has.One.StartsWith("Network:UserAgent"));
    }

    [TestCase("not a url")]
    [TestCase("ftp://proxy:21")]
    [TestCase("http://proxy:3128/some/path")]
    public void Validate_ProxyThatIsNotAProxyUrl_IsAProblemThatDoesNotEchoTheValue(string proxy)
    {
        IReadOnlyList<string> problems = new NetworkOptions { Proxy = proxy }.Validate();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problems, Has.One.StartsWith("Network:Proxy"));
            Assert.That(string.Join("\n", problems), Does.Not.Contain(proxy));
        }
    }

    /// <summary>
    /// A URL on the loopback site under this machine's own host name, which resolves to a loopback or private
    /// address (127.0.1.1 on Debian, the container's address in Docker) without being an address literal.
    /// </summary>
    private async Task<Uri> InternalNameUrlAsync(string path)
    {
        string host = Dns.GetHostName();
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host);
        }
        catch (System.Net.Sockets.SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0 || !addresses.Any(AddressPolicy.IsInternal) || IPAddress.TryParse(host, out _))
        {
            Assert.Ignore($"this machine's host name '{host}' does not resolve to an internal address");
        }

        return new Uri($"http://{host}:{_site.BaseUrl.Port}{path}");
    }
}
