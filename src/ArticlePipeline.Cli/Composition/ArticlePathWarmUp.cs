using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Output.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// <c>run</c>: before the scheduler starts, a built-in site goes once through the path every crawled article takes:
/// robots.txt, home page and feed discovered, the article fetched, extracted, normalised, built into a record and
/// serialised. The site is served on 127.0.0.1 by this process for that moment (<see cref="WarmUpSite"/>) and asked by
/// a fetcher of its own; nothing else is fetched, and nothing is written or counted.
/// </summary>
/// <remarks>
/// A fresh process pays for that path once: code the ReadyToRun build could not precompile (generic instances over the
/// framework's types, the HTTP client's connection code, the resilience pipelines, the record's JSON metadata), and
/// types and tables made on first use, about 0.4 s of CPU for the article and as much again for the first fetch and
/// discovery. Paid inside a crawl, it fell on every held host's first requests at once, and each of those hosts waited
/// for it before its next request (up to 0.7 s, three workers starting together on two cores). Paid here, before any
/// host is taken, no host waits for it. A failure is logged and the worker starts anyway: it only costs the first
/// articles that time.
/// </remarks>
internal sealed partial class ArticlePathWarmUp : IHostedService
{
    /// <summary>The embedded page, written for this (a provincial news article with its navigation, share bar and related links).</summary>
    internal const string PageResource = "ArticlePipeline.Cli.WarmUpPage.html";

    private const string ArticlePath = "/kinh-te/huyen-ven-song-hoan-thanh-nao-vet-kenh-a101.html";

    // However the loopback site behaves, the worker's start is not held longer than this.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private readonly IArticleExtractor _extractor;
    private readonly IArticleNormalizer _normalizer;
    private readonly TimeProvider _time;
    private readonly ILogger<ArticlePathWarmUp> _logger;

    public ArticlePathWarmUp(IArticleExtractor extractor, IArticleNormalizer normalizer, TimeProvider time, ILogger<ArticlePathWarmUp> logger)
    {
        _extractor = extractor;
        _normalizer = normalizer;
        _time = time;
        _logger = logger;
    }

    /// <summary>Crawls the built-in site; returns the length of the serialised record, or <see langword="null"/> when it failed (logged).</summary>
    /// <param name="cancellationToken">Stops it (the worker is stopping).</param>
    /// <returns>The record's length in bytes, or <see langword="null"/>.</returns>
    internal async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            byte[] article = ArticlePage();
            WarmUpSite site = WarmUpSite.Start(new Dictionary<string, (string, byte[])>
            {
                ["/robots.txt"] = ("text/plain", "User-agent: *\nAllow: /\n"u8.ToArray()),
                ["/"] = ("text/html; charset=utf-8", Encoding.UTF8.GetBytes(
                    $"<html><head><title>Báo tỉnh</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\"></head><body><a href=\"{ArticlePath}\">Kênh</a></body></html>")),
                ["/rss.xml"] = ("application/rss+xml; charset=utf-8", Encoding.UTF8.GetBytes(
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Báo tỉnh</title><item><title>Kênh</title><link>{ArticlePath}</link><pubDate>Mon, 07 Dec 2026 06:00:00 +0700</pubDate></item></channel></rss>")),
                [ArticlePath] = ("text/html; charset=utf-8", article),
            });
            await using ConfiguredAsyncDisposable stopping = site.ConfigureAwait(false);

            // A fetcher of its own: the loopback address is allowed for it alone, nothing waits between its requests,
            // and neither its robots.txt cache nor its hosts' pacing is the worker's.
            using var fetcher = new HttpPageFetcher(
                new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0, TimeoutSeconds = 5, TotalTimeoutSeconds = 10 },
                _time);
            var source = new SourceDefinition { Id = "warm-up", Name = "warm-up", HomeUrl = site.BaseUrl.AbsoluteUri, Feeds = [new Uri(site.BaseUrl, "rss.xml").AbsoluteUri] };
            DiscoveryResult found = await new SourceDiscovery(fetcher).DiscoverAsync(source, limit.Token).ConfigureAwait(false);
            Uri pageUrl = new(site.BaseUrl, ArticlePath);
            if (!found.Urls.Contains(pageUrl))
            {
                throw new InvalidOperationException($"the discovery did not list the article ({string.Join("; ", found.Problems)})");
            }

            FetchOutcome fetched = await fetcher.FetchAsync(pageUrl, cancellationToken: limit.Token).ConfigureAwait(false);
            PageContent page = fetched.Page?.Content ?? throw new InvalidOperationException($"the article was not fetched ({fetched.Reason}: {fetched.Detail})");
            ExtractionOutcome extraction = _extractor.Extract(page);
            if (extraction.Article is null)
            {
                throw new InvalidOperationException($"the extractor found no article ({extraction.Reason})");
            }

            ExtractedArticle normalized = _normalizer.Normalize(extraction.Article);
            ArticleRecord record = RecordBuilder.Build(
                normalized, page.Url, new SourceInfo("warm-up", null, null, page.Url.Host), _time.GetUtcNow(), ImmutableDictionary<string, LanguageVersion>.Empty);
            int bytes = RecordSerializer.Serialize(record).Length;
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogWarmedUp(milliseconds);
            return bytes;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping before it started: nothing to say.
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWarmUpFailed(ex.GetType().Name, ex.Message);
            return null;
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken).ConfigureAwait(false);

    private static byte[] ArticlePage()
    {
        using Stream page = typeof(ArticlePathWarmUp).Assembly.GetManifestResourceStream(PageResource)
            ?? throw new InvalidOperationException($"resource {PageResource} is missing");
        using var body = new MemoryStream();
        page.CopyTo(body);
        return body.ToArray();
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "article path ready in {Milliseconds:F0} ms (a built-in site on 127.0.0.1 discovered, its article fetched, extracted and serialised; nothing written)")]
    private partial void LogWarmedUp(double milliseconds);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "article path not prepared ({Type}: {Message}); the first articles will take longer, nothing else changes")]
    private partial void LogWarmUpFailed(string type, string message);
}
