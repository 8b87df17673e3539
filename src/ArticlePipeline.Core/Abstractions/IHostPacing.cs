namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// What a fetcher knows of when a host may be asked next: its interval or robots.txt Crawl-delay after the latest
/// request, or a Retry-After the server sent. A cluster worker hands it on with a host it gives up, so the next holder
/// does not ask sooner than this one would have.
/// </summary>
public interface IHostPacing
{
    /// <summary>The earliest time the next request to the host of <paramref name="url"/> may start.</summary>
    /// <param name="url">Any URL of the host (host and port).</param>
    /// <returns>The time, or <see langword="null"/> when the host has not been asked yet.</returns>
    DateTimeOffset? NotBefore(Uri url);
}
