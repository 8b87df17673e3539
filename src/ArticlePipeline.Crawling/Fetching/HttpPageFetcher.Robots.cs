using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Robots;

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

    /// <inheritdoc />
    public async Task<IReadOnlyList<Uri>> AnnouncedSitemapsAsync(Uri home, CancellationToken cancellationToken) =>
        (await GetRobotsAsync(home, cancellationToken).ConfigureAwait(false)).File.Sitemaps;

    /// <summary>The robots.txt in force for the origin of <paramref name="url"/> (fetched when not cached).</summary>
    internal Task<RobotsEntry> GetRobotsAsync(Uri url, CancellationToken cancellationToken) => _robots.GetAsync(url, cancellationToken);

    /// <summary>
    /// Fetches a robots.txt through the same redirect loop as pages (up to <see cref="RobotsFetchPolicy.MaxRedirects"/>
    /// hops). What the answer means is <see cref="RobotsFetchPolicy"/>'s to decide.
    /// </summary>
    private async Task<RobotsResponse> DownloadRobotsAsync(Uri robotsUrl, CancellationToken cancellationToken)
    {
        HopResult result = await FollowAsync(robotsUrl, null, RequestKind.Robots, RobotsFetchPolicy.MaxRedirects, cancellationToken).ConfigureAwait(false);
        if (result.Attempt is { FailureReason: BadRedirect } broken)
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
}
