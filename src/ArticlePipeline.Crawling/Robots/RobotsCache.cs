using System.Collections.Concurrent;

namespace ArticlePipeline.Crawling.Robots;

/// <summary>
/// The robots.txt of each origin (scheme, host and port), fetched once and reused until it expires (at most 24 h, by
/// the injected clock). One fetch per origin at a time; the rules' Crawl-delay is passed on to politeness.
/// </summary>
internal sealed class RobotsCache
{
    private readonly ConcurrentDictionary<string, RobotsEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetching = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<Uri, CancellationToken, Task<RobotsResponse>> _download;
    private readonly Action<Uri, RobotsResponse, RobotsEntry> _onFetched;
    private readonly string _productToken;
    private readonly TimeSpan _cacheFor;
    private readonly TimeSpan _retryAfter;
    private readonly TimeProvider _time;

    public RobotsCache(
        Func<Uri, CancellationToken, Task<RobotsResponse>> download,
        Action<Uri, RobotsResponse, RobotsEntry> onFetched,
        string productToken,
        TimeSpan cacheFor,
        TimeSpan retryAfter,
        TimeProvider time)
    {
        _download = download;
        _onFetched = onFetched;
        _productToken = productToken;
        _cacheFor = cacheFor;
        _retryAfter = retryAfter;
        _time = time;
    }

    /// <summary>The entry for the origin of <paramref name="url"/>, fetching robots.txt when none is fresh.</summary>
    public async Task<RobotsEntry> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        string origin = url.GetLeftPart(UriPartial.Authority);
        if (Fresh(origin) is { } cached)
        {
            return cached;
        }

        SemaphoreSlim gate = _fetching.GetOrAdd(origin, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(origin) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var robotsUrl = new Uri(origin + "/robots.txt");
            RobotsResponse response = await _download(robotsUrl, cancellationToken).ConfigureAwait(false);
            _entries.TryGetValue(origin, out RobotsEntry? previous);
            RobotsEntry entry = RobotsFetchPolicy.Interpret(response, previous, _productToken, _time.GetUtcNow(), _cacheFor, _retryAfter);
            _entries[origin] = entry;
            _onFetched(robotsUrl, response, entry);
            return entry;
        }
        finally
        {
            gate.Release();
        }
    }

    private RobotsEntry? Fresh(string origin) =>
        _entries.TryGetValue(origin, out RobotsEntry? entry) && entry.Expires > _time.GetUtcNow() ? entry : null;
}
