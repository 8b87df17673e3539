using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The production fetcher: HttpClient behind Polly (an overall timeout, jittered exponential retries of transient
/// failures honouring Retry-After, a circuit breaker per host, a timeout per attempt), robots.txt per RFC 9309,
/// per-host politeness (rate and connections), conditional GET, manual redirects with the address policy checked
/// at every hop and at connect time, content codings decoded here (the body as received is kept in
/// <see cref="FetchedPage.Exchange"/>), and caps on body size as sent and after decompression.
/// </summary>
/// <remarks>
/// A coordinator: <see cref="AddressGuard"/>, <see cref="HostPipelines"/>, <see cref="AttemptSender"/>,
/// <see cref="RedirectFollower"/> and <see cref="RobotsFetcher"/> each do one part, and this class turns how a
/// redirect chain ended into a <see cref="FetchOutcome"/>. Hosts are keyed by <see cref="Uri.Authority"/> (host and
/// port): politeness and breakers never let one host slow another. Every expected failure is a
/// <see cref="FetchOutcome"/> value; only cancellation escapes.
/// </remarks>
public sealed class HttpPageFetcher : IPageFetcher, IHostPacing, Discovery.IDiscoveryHosts, IDisposable
{
    private readonly NetworkOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly HostPipelines _pipelines;
    private readonly HostPoliteness _politeness;
    private readonly RedirectFollower _follower;
    private readonly RobotsFetcher _robots;
    private readonly HopCheck _robotsCheck;

    /// <summary>Creates the fetcher.</summary>
    /// <param name="options">
    /// Network options, already validated: <c>AddArticleCrawling</c> checks the section when the host starts, and
    /// <see cref="NetworkOptions.Validate"/> runs the same checks for options built by hand.
    /// </param>
    /// <param name="timeProvider">Clock for delays, caches and timestamps; the system clock when <see langword="null"/>.</param>
    /// <param name="loggers">
    /// Where retries, circuit-breaker openings, redirects not followed, robots.txt not read, bodies over their cap
    /// and Polly's own telemetry are logged; nothing is logged when <see langword="null"/>.
    /// </param>
    public HttpPageFetcher(NetworkOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        ILogger logger = loggers.CreateLogger<HttpPageFetcher>();
        _politeness = new HostPoliteness(
            new HostLimits(TimeSpan.FromSeconds(options.DelaySeconds), options.MaxConnectionsPerHost),
            TimeSpan.FromSeconds(options.MaxCrawlDelaySeconds),
            _time);
        var guard = new AddressGuard(options);
        _client = FetchClient.Create(options, guard);
        _pipelines = new HostPipelines(options, _time, loggers, logger);
        _follower = new RedirectFollower(guard, new AttemptSender(_client, _pipelines, _politeness, options, _time, logger), options, logger);
        _robots = new RobotsFetcher(_follower, _politeness, options, _time, logger);
        _robotsCheck = _robots.CheckAsync;
    }

    /// <inheritdoc />
    public async Task<FetchOutcome> FetchAsync(
        Uri url,
        FetchValidators? validators = null,
        FetchPurpose purpose = FetchPurpose.Article,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        RequestKind kind = purpose == FetchPurpose.Article ? RequestKind.Article : RequestKind.Discovery;
        if (url.IsFile)
        {
            // A file has no media type to go by: a discovery document gets the larger cap, as XML over HTTP does.
            return _options.AllowFileUrls
                ? await FilePageFetcher.FetchAsync(url, purpose, ResponseBodyReader.MaxBytes(kind, null, _options.MaxBodyBytes), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                : FetchOutcome.Refused(url, "scheme", "file URLs are not allowed (set Network:AllowFileUrls=true)");
        }

        HopResult result = await _follower.FollowAsync(url, validators, kind, _options.MaxRedirects, _robotsCheck, cancellationToken).ConfigureAwait(false);
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
            _time.GetUtcNow())
        {
            Exchange = attempt.Exchange,
        };
        return FetchOutcome.Fetched(url, page);
    }

    /// <summary>
    /// Applies a source's <see cref="SourceDefinition.DelaySeconds"/> and
    /// <see cref="SourceDefinition.MaxConnectionsPerHost"/> to every host its configuration names (home page, feeds,
    /// sitemaps, listings). When several sources share a host, the strictest limits win.
    /// </summary>
    /// <param name="source">The source.</param>
    public void ApplySourceLimits(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.DelaySeconds is null && source.MaxConnectionsPerHost is null)
        {
            return;
        }

        var limits = new HostLimits(
            TimeSpan.FromSeconds(source.DelaySeconds ?? _options.DelaySeconds),
            source.MaxConnectionsPerHost ?? _options.MaxConnectionsPerHost);
        foreach (string authority in SourceHosts.Authorities(source))
        {
            _politeness.Override(authority, limits);
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? NotBefore(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _politeness.NotBefore(url.Authority);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Uri>> AnnouncedSitemapsAsync(Uri home, CancellationToken cancellationToken) =>
        (await _robots.GetAsync(home, cancellationToken).ConfigureAwait(false)).File.Sitemaps;

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _pipelines.Dispose();
    }
}
