using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Fetch: turns a URL into bytes, politely and within the guards (Crawling).</summary>
public interface IPageFetcher
{
    /// <summary>Fetches <paramref name="url"/>, conditionally when validators are given.</summary>
    /// <param name="url">The URL to fetch.</param>
    /// <param name="validators">ETag and Last-Modified of the previous fetch, if any.</param>
    /// <param name="purpose">What the page is for; it decides which content types are accepted.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The page, or the reason there is none.</returns>
    Task<FetchOutcome> FetchAsync(
        Uri url,
        FetchValidators? validators = null,
        FetchPurpose purpose = FetchPurpose.Article,
        CancellationToken cancellationToken = default);
}
