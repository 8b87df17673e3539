using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Core.Work;
using ArticlePipeline.Crawling.Robots;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// robots.txt for the fetcher: each origin's file fetched through the same redirect loop as pages and cached, its
/// verdict on a URL before every hop, its Crawl-delay passed on to politeness, and a log line when it is not read.
/// </summary>
internal sealed class RobotsFetcher
{
    private readonly RedirectFollower _follower;
    private readonly HostPoliteness _politeness;
    private readonly ILogger _logger;
    private readonly RobotsCache _cache;

    /// <summary>Creates the robots.txt fetcher.</summary>
    /// <param name="follower">The redirect loop the files are fetched through.</param>
    /// <param name="politeness">Where each file's Crawl-delay goes.</param>
    /// <param name="options">Network options: product token and cache durations.</param>
    /// <param name="time">The clock the cache expires by.</param>
    /// <param name="logger">Where files that are not read are logged.</param>
    public RobotsFetcher(RedirectFollower follower, HostPoliteness politeness, NetworkOptions options, TimeProvider time, ILogger logger)
    {
        _follower = follower;
        _politeness = politeness;
        _logger = logger;
        _cache = new RobotsCache(
            DownloadAsync,
            OnFetched,
            options.ProductToken(),
            TimeSpan.FromHours(options.RobotsCacheHours),
            TimeSpan.FromMinutes(options.RobotsRetryMinutes),
            time);
    }

    /// <summary>The robots.txt in force for the origin of <paramref name="url"/> (fetched when not cached).</summary>
    /// <param name="url">Any URL of the origin.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The entry.</returns>
    public Task<RobotsEntry> GetAsync(Uri url, CancellationToken cancellationToken = default) => _cache.GetAsync(url, cancellationToken);

    /// <summary>robots.txt's verdict on one hop: <see langword="null"/> when it may be fetched (a <see cref="HopCheck"/>).</summary>
    /// <param name="url">The hop's URL.</param>
    /// <param name="hop">Its position in the chain.</param>
    /// <param name="cancellationToken">Cancels the fetch of robots.txt.</param>
    /// <returns>The refusal, or <see langword="null"/>.</returns>
    public async Task<HopResult?> CheckAsync(Uri url, int hop, CancellationToken cancellationToken)
    {
        RobotsEntry robots;
        try
        {
            robots = await _cache.GetAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (HostBusyException ex)
        {
            // robots.txt was not asked: another worker held the host too long. Nothing is cached, the URL is not asked.
            return HopResult.Failure(url, hop, FetchReasons.HostBusy, ex.Message);
        }

        if (robots.AddressRefusal is { } refused)
        {
            // robots.txt could not be asked because the host itself is refused: that is the URL's refusal too.
            return HopResult.Refusal(url, hop, "address-policy", refused);
        }

        RobotsVerdict verdict = robots.Rules.Evaluate(url.PathAndQuery);
        if (verdict.Allowed)
        {
            return null;
        }

        string rule = verdict.Rule is { } decisive && !robots.Unreachable ? $" ({UntrustedText.Clean(decisive.ToString(), 200)})" : string.Empty;
        return HopResult.Refusal(url, hop, "robots", $"{url}: disallowed by {robots.Description}{rule}");
    }

    /// <summary>
    /// Fetches a robots.txt through the redirect loop (up to <see cref="RobotsFetchPolicy.MaxRedirects"/> hops, no
    /// robots.txt check of its own). What the answer means is <see cref="RobotsFetchPolicy"/>'s to decide.
    /// </summary>
    private async Task<RobotsResponse> DownloadAsync(Uri robotsUrl, CancellationToken cancellationToken)
    {
        HopResult result = await _follower
            .FollowAsync(robotsUrl, null, RequestKind.Robots, RobotsFetchPolicy.MaxRedirects, beforeHop: null, cancellationToken)
            .ConfigureAwait(false);
        if (result.Reason == FetchReasons.HostBusy)
        {
            // Not an answer about robots.txt: caching it as unreachable would disallow the whole host here until
            // the retry, even once this worker holds it. The cache keeps nothing, and the check fails the URL.
            throw new HostBusyException(result.Detail ?? robotsUrl.ToString());
        }

        if (result.Attempt is { FailureReason: AttemptSender.BadRedirect } broken)
        {
            return new RobotsResponse(broken.Status, null, broken.FailureDetail) { BadRedirect = true };
        }

        if (result.Attempt is { } attempt)
        {
            return new RobotsResponse(attempt.Status, attempt.Body, null);
        }

        return result.Reason switch
        {
            "too-many-redirects" => new RobotsResponse(null, null, "too many redirects") { TooManyRedirects = true },

            // The origin itself is refused (a literal internal address, or a name that resolves to one): not a
            // robots.txt problem, and the pages of that host are refused for the same reason.
            "address-policy" when result.Hop == 0 => new RobotsResponse(null, null, result.Detail) { AddressRefusal = result.Detail },
            _ => new RobotsResponse(null, null, result.Detail),
        };
    }

    private void OnFetched(Uri robotsUrl, RobotsResponse response, RobotsEntry entry)
    {
        _politeness.SetCrawlDelay(robotsUrl.Authority, entry.Rules.CrawlDelay);
        if (response.Status is >= 200 and < 300)
        {
            return;
        }

        // Not read: the description says what is applied instead (everything disallowed, allowed, or the older copy).
        if (entry.Unreachable)
        {
            FetchLog.RobotsUnreachable(_logger, robotsUrl, entry.Description);
        }
        else
        {
            FetchLog.RobotsNotRead(_logger, robotsUrl, entry.Description);
        }
    }
}
