using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// What the fetcher tells an operator, under the <see cref="HttpPageFetcher"/> category: retries, breaker openings,
/// redirects it stops following, robots.txt it could not read, and bodies over their cap.
/// </summary>
internal static partial class FetchLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Host}: retry {Attempt} in {Delay} after status {Status} {Error}")]
    public static partial void Retry(ILogger logger, string host, int attempt, TimeSpan delay, int status, string? error);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Host}: circuit opened for {Duration} after status {Status} {Error}; its requests fail at once until then")]
    public static partial void BreakerOpened(ILogger logger, string host, TimeSpan duration, int status, string? error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Host}: circuit closed, requests resume")]
    public static partial void BreakerClosed(ILogger logger, string host);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Url}: redirects not followed ({Reason}): {Detail}")]
    public static partial void RedirectStopped(ILogger logger, Uri url, string reason, string detail);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "{RobotsUrl}: {Description}")]
    public static partial void RobotsUnreachable(ILogger logger, Uri robotsUrl, string description);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "{RobotsUrl}: {Description}")]
    public static partial void RobotsNotRead(ILogger logger, Uri robotsUrl, string description);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "{Url}: body over the {Max}-byte limit, refused")]
    public static partial void BodyTooLarge(ILogger logger, Uri url, int max);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "{Url}: body over the {Max}-byte limit, the rest is not read")]
    public static partial void BodyCut(ILogger logger, Uri url, int max);
}
