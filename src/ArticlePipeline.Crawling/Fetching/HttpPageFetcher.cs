using System.Net;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Robots;
using Polly;
using Polly.Registry;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The production fetcher: HttpClient behind Polly (an overall timeout, jittered exponential retries of transient
/// failures honouring Retry-After, a circuit breaker per host, a timeout per attempt), robots.txt per RFC 9309,
/// per-host politeness (rate and connections), conditional GET, manual redirects with the address policy checked
/// at every hop and at connect time, and caps on body size after decompression.
/// </summary>
/// <remarks>
/// Hosts are keyed by <see cref="Uri.Authority"/> (host and port): politeness and breakers never let one host slow
/// another. Every expected failure is a <see cref="FetchOutcome"/> value; only cancellation escapes.
/// </remarks>
public sealed partial class HttpPageFetcher : IPageFetcher, Discovery.IDiscoveryHosts, IDisposable
{
    private readonly NetworkOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly ResiliencePipelineRegistry<string> _pipelines;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly HostPoliteness _politeness;
    private readonly RobotsCache _robots;
    private readonly Uri? _proxy;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates the fetcher.</summary>
    /// <param name="options">Network options.</param>
    /// <param name="timeProvider">Clock for delays, caches and timestamps; the system clock when <see langword="null"/>.</param>
    /// <param name="loggers">
    /// Where retries, circuit-breaker openings and Polly's own telemetry are logged; nothing is logged when
    /// <see langword="null"/>.
    /// </param>
    /// <exception cref="ArgumentException">An option is out of its documented range.</exception>
    public HttpPageFetcher(NetworkOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid network options: " + string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<HttpPageFetcher>();
        _politeness = new HostPoliteness(
            new HostLimits(TimeSpan.FromSeconds(options.DelaySeconds), options.MaxConnectionsPerHost),
            TimeSpan.FromSeconds(options.MaxCrawlDelaySeconds),
            _time);
        // Proxy environment variables are ignored: a proxy nobody configured would see every request, and the
        // connect-time address check would see only the proxy. Network:Proxy is the one way to use one.
        Uri? proxy = options.ProxyUri();
        _proxy = proxy is null ? null : new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
        var handler = new SocketsHttpHandler
        {
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : new WebProxy(_proxy) { Credentials = ProxyCredentials(proxy) },
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = NetworkOptions.MaxConnectionsLimit,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _pipelines = new ResiliencePipelineRegistry<string>();
        _attemptTimeout = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds))
            .Build();
        _robots = new RobotsCache(
            DownloadRobotsAsync,
            (robotsUrl, entry) => _politeness.SetCrawlDelay(robotsUrl.Authority, entry.Rules.CrawlDelay),
            options.ProductToken(),
            TimeSpan.FromHours(options.RobotsCacheHours),
            TimeSpan.FromMinutes(options.RobotsRetryMinutes),
            _time);
    }

    /// <inheritdoc />
    public async Task<FetchOutcome> FetchAsync(
        Uri url,
        FetchValidators? validators = null,
        FetchPurpose purpose = FetchPurpose.Article,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsFile)
        {
            return _options.AllowFileUrls
                ? await FilePageFetcher.FetchAsync(url, purpose, purpose == FetchPurpose.Article ? _options.MaxBodyBytes : Math.Max(_options.MaxBodyBytes, NetworkOptions.MaxDiscoveryDocumentBytes), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                : FetchOutcome.Refused(url, "scheme", "file URLs are not allowed (set Network:AllowFileUrls=true)");
        }

        RequestKind kind = purpose == FetchPurpose.Article ? RequestKind.Article : RequestKind.Discovery;
        HopResult result = await FollowAsync(url, validators, kind, _options.MaxRedirects, cancellationToken).ConfigureAwait(false);
        if (result.Attempt is not { } attempt)
        {
            return result.Refused
                ? FetchOutcome.Refused(url, result.Reason!, result.Detail!)
                : FetchOutcome.Failed(url, result.Reason!, result.Detail!);
        }

        if (attempt.Status == 304)
        {
            return FetchOutcome.NotModified(url);
        }

        if (attempt.FailureReason is { } reason)
        {
            return FetchOutcome.Failed(url, reason, attempt.FailureDetail ?? reason);
        }

        if (attempt.Status is < 200 or >= 300 || attempt.Body is null)
        {
            return FetchOutcome.Failed(url, $"http-{attempt.Status}", $"{result.Url}: HTTP {attempt.Status} {attempt.ReasonPhrase}");
        }

        var page = new FetchedPage(
            new PageContent(result.Url, attempt.Body, attempt.ContentType),
            attempt.Status,
            attempt.ETag,
            attempt.LastModified,
            _time.GetUtcNow());
        return FetchOutcome.Fetched(url, page);
    }

    private static NetworkCredential? ProxyCredentials(Uri proxy)
    {
        if (proxy.UserInfo.Length == 0)
        {
            return null;
        }

        string[] parts = proxy.UserInfo.Split(':', 2);
        return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _pipelines.Dispose();
    }
}
