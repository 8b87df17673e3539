using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Keeps fetched responses so that records can be re-extracted without the network (WARC files, Output).</summary>
public interface ICaptureStore
{
    /// <summary>Whether responses fetched for <paramref name="purpose"/> are kept: articles always, feeds and sitemaps when configured.</summary>
    /// <param name="purpose">What the page was fetched for.</param>
    /// <returns><see langword="true"/> when a fetched page of that purpose is to be stored.</returns>
    bool Keeps(FetchPurpose purpose) => purpose == FetchPurpose.Article;

    /// <summary>Appends the request and response of <paramref name="exchange"/>; returns once they are durable.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="cancellationToken">Cancels before the write starts; a write once started completes.</param>
    /// <returns>Where the response record is.</returns>
    Task<PageCapture> StoreAsync(HttpExchange exchange, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored response back.</summary>
    /// <param name="capture">Where it is.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The exchange (its request headers may be empty), or <see langword="null"/> when the file or record is missing or damaged.</returns>
    Task<HttpExchange?> ReadAsync(PageCapture capture, CancellationToken cancellationToken = default);
}
