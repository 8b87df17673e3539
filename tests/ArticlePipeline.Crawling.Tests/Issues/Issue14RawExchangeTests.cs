using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 14: the fetcher decodes content codings itself and hands out the exchange as it went over the wire (the
/// body still encoded, the headers as received), for a WARC capture; the page it extracts from stays decoded.
/// </summary>
[TestFixture]
public sealed class Issue14RawExchangeTests
{
    private const string Article = "<html><head><title>Nông dân Tân Hậu</title></head><body><p>Những ngày cuối tháng 6, nông dân huyện Tân Hậu thu hoạch lúa trên những cánh đồng ven sông Hậu.</p></body></html>";

    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp() => _site = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    [TestCase("deflate-raw")]
    public async Task FetchAsync_EncodedArticle_PageIsDecodedAndExchangeKeepsTheBytesSent(string coding)
    {
        byte[] original = Encoding.UTF8.GetBytes(Article);
        byte[] sent = Encode(coding, original);
        string header = coding == "deflate-raw" ? "deflate" : coding;
        _site.Set("/a.html", Encoded(sent, header));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        HttpExchange? exchange = outcome.Page?.Exchange;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched), outcome.Detail);
            Assert.That(outcome.Page?.Content.Body.ToArray(), Is.EqualTo(original));
            Assert.That(exchange?.Payload.ToArray(), Is.EqualTo(sent));
            Assert.That(exchange?.ResponseHeaders, Has.Member(KeyValuePair.Create("Content-Encoding", header)));
            Assert.That(exchange?.ResponseHeaders, Has.Member(KeyValuePair.Create("Content-Type", "text/html; charset=utf-8")));
        }
    }

    [Test]
    public async Task FetchAsync_IdentityArticle_ExchangePayloadIsThePageBodyItself()
    {
        _site.Set("/a.html", SiteResponse.Html(Article));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        FetchedPage page = outcome.Page!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Exchange?.Payload.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(Article)));
            Assert.That(page.Exchange?.ResponseHeaders.Select(h => h.Key), Has.No.Member("Content-Encoding"));
            Assert.That(SameArray(page.Content.Body, page.Exchange!.Payload), Is.True, "an unencoded body is held once, not copied for the capture");
        }
    }

    [Test]
    public async Task FetchAsync_ChunkedAnswer_ExchangeHasNoTransferEncodingAndTheDechunkedPayload()
    {
        // No Content-Length: Kestrel sends the body chunked; the payload kept is the body, without the chunk framing.
        byte[] sent = Encode("gzip", Encoding.UTF8.GetBytes(Article));
        _site.Set("/a.html", Encoded(sent, "gzip"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        HttpExchange exchange = outcome.Page!.Exchange!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exchange.ResponseHeaders.Select(h => h.Key), Has.No.Member("Transfer-Encoding").And.No.Member("Content-Length"));
            Assert.That(exchange.Payload.ToArray(), Is.EqualTo(sent));
        }
    }

    [Test]
    public async Task FetchAsync_AnnouncedLength_ExchangeKeepsContentLengthOfTheEncodedBody()
    {
        byte[] sent = Encode("gzip", Encoding.UTF8.GetBytes(Article));
        _site.Set("/a.html", Encoded(sent, "gzip", ("Content-Length", sent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Page?.Exchange?.ResponseHeaders, Has.Member(KeyValuePair.Create("Content-Length", sent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(outcome.Page?.Content.Body.Length, Is.EqualTo(Encoding.UTF8.GetByteCount(Article)));
        }
    }

    [Test]
    public async Task FetchAsync_Exchange_RecordsTheRequestAsSentAndTheStatusLine()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.Zero));
        _site.Set("/a.html", SiteResponse.Html(Article) with { ReasonPhrase = "Fine Thanks" });
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(), time);

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        HttpExchange exchange = outcome.Page!.Exchange!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exchange.Method, Is.EqualTo("GET"));
            Assert.That(exchange.TargetUri, Is.EqualTo(_site.Url("/a.html")));
            Assert.That(exchange.RequestHeaders[0], Is.EqualTo(KeyValuePair.Create("Host", _site.Authority)));
            Assert.That(exchange.RequestHeaders, Has.Member(KeyValuePair.Create("User-Agent", _site.PageRequests.Single().UserAgent!)));
            Assert.That(exchange.RequestHeaders, Has.Member(KeyValuePair.Create("Accept-Encoding", "gzip, deflate, br")));
            Assert.That(exchange.HttpVersion, Is.EqualTo("1.1"));
            Assert.That(exchange.Status, Is.EqualTo(200));
            Assert.That(exchange.Reason, Is.EqualTo("Fine Thanks"));
            Assert.That(exchange.Date, Is.EqualTo(time.GetUtcNow()));
            Assert.That(exchange.RemoteAddress, Is.EqualTo("127.0.0.1"));
        }
    }

    [Test]
    public async Task FetchAsync_ConditionalRequest_ExchangeRecordsTheValidatorsSent()
    {
        _site.Set("/a.html", SiteResponse.Html(Article) with { Headers = new Dictionary<string, string> { ["ETag"] = "\"v2\"" } });
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"), new FetchValidators("\"v1\"", null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Page?.Exchange?.RequestHeaders, Has.Member(KeyValuePair.Create("If-None-Match", "\"v1\"")));
            Assert.That(outcome.Page?.Exchange?.ResponseHeaders, Has.Member(KeyValuePair.Create("ETag", "\"v2\"")));
        }
    }

    [Test]
    public async Task FetchAsync_RedirectChain_ExchangeIsTheFinalHop()
    {
        byte[] sent = Encode("gzip", Encoding.UTF8.GetBytes(Article));
        _site.Set("/a", SiteResponse.Redirect("/b", 301));
        _site.Set("/b", SiteResponse.Redirect("/c.html"));
        _site.Set("/c.html", Encoded(sent, "gzip"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a"));

        HttpExchange exchange = outcome.Page!.Exchange!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exchange.TargetUri, Is.EqualTo(_site.Url("/c.html")));
            Assert.That(exchange.Status, Is.EqualTo(200));
            Assert.That(exchange.ResponseHeaders.Select(h => h.Key), Has.No.Member("Location"));
            Assert.That(exchange.Payload.ToArray(), Is.EqualTo(sent));
            Assert.That(outcome.Page.Content.Body.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(Article)));
        }
    }

    [Test]
    public async Task FetchAsync_ServersOnTwoAddresses_EachExchangeNamesTheAddressItsRequestReached()
    {
        // Requests overlap on both hosts, then reuse pooled connections: the address comes from the connection that
        // carried each request, not from the last connection opened.
        _site.Set("/a.html", SiteResponse.Html(Article) with { Delay = TimeSpan.FromMilliseconds(100) });
        await using WebApplication other = await StartServerAsync("127.0.0.2");
        Uri otherUrl = new(other.Urls.First() + "/b.html");
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxConnectionsPerHost = 4));

        FetchOutcome[] overlapping = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => fetcher.FetchAsync(i % 2 == 0 ? _site.Url("/a.html") : otherUrl)));
        FetchOutcome pooledFirst = await fetcher.FetchAsync(_site.Url("/a.html"));
        FetchOutcome pooledOther = await fetcher.FetchAsync(otherUrl);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(overlapping.Where((_, i) => i % 2 == 0).Append(pooledFirst).Select(o => o.Page?.Exchange?.RemoteAddress), Is.All.EqualTo("127.0.0.1"));
            Assert.That(overlapping.Where((_, i) => i % 2 == 1).Append(pooledOther).Select(o => o.Page?.Exchange?.RemoteAddress), Is.All.EqualTo("127.0.0.2"));
        }
    }

    [Test]
    public async Task FetchAsync_ThroughAProxy_ExchangeHasNoRemoteAddress()
    {
        // The connection reaches the proxy, whose address is not the server's.
        _site.Set("/tin-tuc/a1.html", SiteResponse.Html(Article));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o =>
        {
            o.AllowPrivateAddresses = false;
            o.Proxy = _site.BaseUrl.AbsoluteUri.TrimEnd('/');
        }));

        FetchOutcome outcome = await fetcher.FetchAsync(new Uri("http://93.184.216.34/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched), outcome.Detail);
            Assert.That(outcome.Page?.Exchange?.RemoteAddress, Is.Null);
            Assert.That(outcome.Page?.Exchange?.RequestHeaders[0], Is.EqualTo(KeyValuePair.Create("Host", "93.184.216.34")));
        }
    }

    [TestCase("br")]
    [TestCase("deflate")]
    public async Task FetchAsync_BombInOtherCodings_IsCutOffAfterDecompression(string coding)
    {
        _site.Set("/bomb.html", Encoded(Encode(coding, new byte[16 * 1024 * 1024]), coding));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxBodyBytes = 1024 * 1024));

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/bomb.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-large"));
            Assert.That(outcome.Detail, Does.Contain("1048576-byte limit (after decompression)"));
            Assert.That(outcome.Page, Is.Null);
        }
    }

    [TestCase("compress")]
    [TestCase("zstd")]
    [TestCase("gzip, rot13")]
    public async Task FetchAsync_UnknownContentEncoding_FailsWithContentEncodingAndIsNotRetried(string coding)
    {
        _site.Set("/a.html", Encoded(Encoding.UTF8.GetBytes(Article), coding));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("content-encoding"));
            Assert.That(outcome.Detail, Does.Contain($"content coding {coding.Split(", ")[^1]} cannot be decoded"));
            Assert.That(_site.PageRequests, Has.Count.EqualTo(1));
        }
    }

    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    public async Task FetchAsync_CodingHeaderOnPlainBytes_FailsAsCorrupt(string coding)
    {
        _site.Set("/a.html", Encoded(Encoding.UTF8.GetBytes(Article), coding));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a.html"));

        Assert.That(outcome.Reason, Is.EqualTo("corrupt"));
    }

    [Test]
    public async Task FetchAsync_EncodedSitemap_IsDecodedForDiscoveryAndKeptEncodedInTheExchange()
    {
        byte[] xml = Encoding.UTF8.GetBytes(SiteContent.Sitemap([_site.Url("/a.html"), _site.Url("/b.html")]));
        byte[] sent = Encode("br", xml);
        _site.Set("/sitemap.xml", new SiteResponse(sent, "application/xml", Headers: new Dictionary<string, string> { ["Content-Encoding"] = "br" }));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/sitemap.xml"), purpose: FetchPurpose.Discovery);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Page?.Content.Body.ToArray(), Is.EqualTo(xml));
            Assert.That(outcome.Page?.Exchange?.Payload.ToArray(), Is.EqualTo(sent));
        }
    }

    [Test]
    public async Task FetchAsync_GzipEncodedRobotsTxt_IsDecodedAndObeyed()
    {
        _site.Set("/robots.txt", new SiteResponse(Encode("gzip", "User-agent: *\nDisallow: /private/\n"u8.ToArray()), "text/plain", Headers: new Dictionary<string, string> { ["Content-Encoding"] = "gzip" }));
        _site.Set("/private/a.html", SiteResponse.Html(Article));
        _site.Set("/public/a.html", SiteResponse.Html(Article));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options());

        FetchOutcome refused = await fetcher.FetchAsync(_site.Url("/private/a.html"));
        FetchOutcome fetched = await fetcher.FetchAsync(_site.Url("/public/a.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Reason, Is.EqualTo("robots"));
            Assert.That(fetched.Status, Is.EqualTo(FetchStatus.Fetched));
            Assert.That(_site.PageRequests.Select(r => r.Path), Is.EqualTo(new[] { "/public/a.html" }));
        }
    }

    /// <summary>A second real server, on another loopback address, answering every path with the article.</summary>
    private static async Task<WebApplication> StartServerAsync(string address)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(Article);
        });
        await app.StartAsync();
        return app;
    }

    private static SiteResponse Encoded(byte[] body, string coding, params (string Name, string Value)[] more)
    {
        var headers = new Dictionary<string, string> { ["Content-Encoding"] = coding };
        foreach ((string name, string value) in more)
        {
            headers[name] = value;
        }

        return new SiteResponse(body, Headers: headers);
    }

    private static bool SameArray(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) =>
        MemoryMarshal.TryGetArray(a, out ArraySegment<byte> first) && MemoryMarshal.TryGetArray(b, out ArraySegment<byte> second) &&
        ReferenceEquals(first.Array, second.Array) && first.Offset == second.Offset && first.Count == second.Count;

    /// <summary>Encodes as a server would: <c>deflate</c> zlib-wrapped, <c>deflate-raw</c> without the wrapper.</summary>
    internal static byte[] Encode(string coding, byte[] body)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate-raw" => new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, null),
        })
        {
            encoder.Write(body);
        }

        return output.ToArray();
    }
}
