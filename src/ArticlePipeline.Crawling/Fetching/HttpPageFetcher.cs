using System.Net;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Robots;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

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
public sealed partial class HttpPageFetcher : IPageFetcher, IDisposable
{
    private readonly NetworkOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly ResiliencePipelineRegistry<string> _pipelines;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly HostPoliteness _politeness;
    private readonly RobotsCache _robots;

    /// <summary>Creates the fetcher.</summary>
    /// <param name="options">Network options.</param>
    /// <param name="timeProvider">Clock for delays, caches and timestamps; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of its documented range.</exception>
    public HttpPageFetcher(NetworkOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid network options: " + string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _politeness = new HostPoliteness(
            new HostLimits(TimeSpan.FromSeconds(options.DelaySeconds), options.MaxConnectionsPerHost),
            TimeSpan.FromSeconds(options.MaxCrawlDelaySeconds),
            _time);
        var handler = new SocketsHttpHandler
        {
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
                ? await FilePageFetcher.FetchAsync(url, purpose, _options.MaxBodyBytes, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                : FetchOutcome.Refused(url, "scheme", "file URLs are not allowed (set Network:AllowFileUrls=true)");
        }

        RequestKind kind = purpose == FetchPurpose.Article ? RequestKind.Article : RequestKind.Discovery;
        Uri current = url;
        for (int hop = 0; hop <= _options.MaxRedirects; hop++)
        {
            if (CheckTarget(current) is { } refusal)
            {
                return FetchOutcome.Refused(url, hop == 0 ? "address-policy" : "redirect-refused", refusal);
            }

            // Checked before every hop: a redirect into a disallowed path is not followed either.
            RobotsEntry robots = await _robots.GetAsync(current, cancellationToken).ConfigureAwait(false);
            RobotsVerdict verdict = robots.Rules.Evaluate(current.PathAndQuery);
            if (!verdict.Allowed)
            {
                string rule = verdict.Rule is { } decisive && !robots.Unreachable ? $" ({decisive})" : string.Empty;
                return FetchOutcome.Refused(url, "robots", $"{current}: disallowed by {robots.Description}{rule}");
            }

            HttpAttempt attempt;
            try
            {
                attempt = await ExecuteAsync(current, hop == 0 ? validators : null, kind, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokenCircuitException)
            {
                return FetchOutcome.Failed(url, "circuit-open", $"{current}: circuit open for {current.Authority} after repeated failures; its requests fail at once for {_options.BreakerBreakSeconds} s");
            }
            catch (HttpRequestException ex) when (FindRefusal(ex) is { } refused)
            {
                return FetchOutcome.Refused(url, "address-policy", refused.Message);
            }
            catch (HttpRequestException ex)
            {
                return FetchOutcome.Failed(url, "connection", $"{current}: {ex.Message}");
            }
            catch (TimeoutRejectedException ex)
            {
                string which = ex.Timeout == TimeSpan.FromSeconds(_options.TimeoutSeconds) ? "per attempt" : "in all";
                return FetchOutcome.Failed(url, "timeout", $"{current}: no complete response within {ex.Timeout.TotalSeconds:0.###} s ({which})");
            }
            catch (IOException ex)
            {
                return FetchOutcome.Failed(url, "truncated", $"{current}: the body was cut off: {ex.Message}");
            }
            catch (InvalidDataException ex)
            {
                return FetchOutcome.Failed(url, "corrupt", $"{current}: the body does not decompress: {ex.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return FetchOutcome.Failed(url, "timeout", $"{current}: the connection timed out");
            }

            if (attempt.Location is { } next)
            {
                current = next;
                continue;
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
                return FetchOutcome.Failed(url, $"http-{attempt.Status}", $"{current}: HTTP {attempt.Status} {attempt.ReasonPhrase}");
            }

            var page = new FetchedPage(
                new PageContent(current, attempt.Body, attempt.ContentType),
                attempt.Status,
                attempt.ETag,
                attempt.LastModified,
                _time.GetUtcNow());
            return FetchOutcome.Fetched(url, page);
        }

        return FetchOutcome.Failed(url, "too-many-redirects", $"{url}: more than {_options.MaxRedirects} redirects");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _pipelines.Dispose();
    }
}
