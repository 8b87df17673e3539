using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Robots;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>robots.txt downloads and the per-source politeness overrides.</summary>
public sealed partial class HttpPageFetcher
{
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

    /// <summary>The robots.txt in force for the origin of <paramref name="url"/> (fetched when not cached).</summary>
    internal Task<RobotsEntry> GetRobotsAsync(Uri url, CancellationToken cancellationToken) => _robots.GetAsync(url, cancellationToken);

    private async Task<RobotsResponse> DownloadRobotsAsync(Uri robotsUrl, CancellationToken cancellationToken)
    {
        Uri current = robotsUrl;
        for (int hop = 0; hop <= RobotsFetchPolicy.MaxRedirects; hop++)
        {
            if (CheckTarget(current) is { } refusal)
            {
                return new RobotsResponse(null, null, refusal);
            }

            HttpAttempt attempt;
            try
            {
                attempt = await ExecuteAsync(current, null, RequestKind.Robots, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokenCircuitException)
            {
                return new RobotsResponse(null, null, "circuit open");
            }
            catch (HttpRequestException ex)
            {
                return new RobotsResponse(null, null, FindRefusal(ex)?.Message ?? ex.Message);
            }
            catch (TimeoutRejectedException)
            {
                return new RobotsResponse(null, null, "timeout");
            }
            catch (IOException ex)
            {
                return new RobotsResponse(null, null, ex.Message);
            }
            catch (InvalidDataException ex)
            {
                return new RobotsResponse(null, null, ex.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new RobotsResponse(null, null, "timeout");
            }

            if (attempt.Location is { } next)
            {
                current = next;
                continue;
            }

            return new RobotsResponse(attempt.Status, attempt.Body, null);
        }

        return new RobotsResponse(null, null, "too many redirects") { TooManyRedirects = true };
    }
}
