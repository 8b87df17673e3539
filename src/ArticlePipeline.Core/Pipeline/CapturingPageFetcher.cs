using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// Keeps every fetched response the capture store wants (articles; feeds and sitemaps when configured) before the page
/// goes on, and hands the page on with <see cref="FetchedPage.Capture"/> set: local crawls, cluster work items and
/// <c>rerun</c> all fetch through it, so every record of a fetched page names its capture.
/// </summary>
/// <remarks>
/// A full disk stops the pass as a full disk does for records (<see cref="StorageFullException"/> escapes). Any other
/// failure to store costs the capture, never the article: the page goes on without one and the failure is logged.
/// </remarks>
public sealed partial class CapturingPageFetcher : IPageFetcher
{
    private readonly IPageFetcher _inner;
    private readonly ICaptureStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the decorator.</summary>
    /// <param name="inner">The fetcher that talks to the network.</param>
    /// <param name="store">Where responses are kept.</param>
    /// <param name="logger">Where failures to store are logged.</param>
    public CapturingPageFetcher(IPageFetcher inner, ICaptureStore store, ILogger<CapturingPageFetcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(store);
        _inner = inner;
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<FetchOutcome> FetchAsync(
        Uri url,
        FetchValidators? validators = null,
        FetchPurpose purpose = FetchPurpose.Article,
        CancellationToken cancellationToken = default)
    {
        FetchOutcome outcome = await _inner.FetchAsync(url, validators, purpose, cancellationToken).ConfigureAwait(false);
        if (outcome.Page is not { Exchange: { } exchange } page || !_store.Keeps(purpose))
        {
            return outcome;
        }

        try
        {
            PageCapture capture = await _store.StoreAsync(exchange, cancellationToken).ConfigureAwait(false);
            return outcome with { Page = page with { Capture = capture } };
        }
        catch (IOException ex) when (!StorageFullException.IsStorageFull(ex))
        {
            LogNotKept(url, ex.Message);
            return outcome;
        }
        catch (UnauthorizedAccessException ex)
        {
            LogNotKept(url, ex.Message);
            return outcome;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Url}: the response was not kept in the capture store ({Detail}); the page goes on without a capture")]
    private partial void LogNotKept(Uri url, string detail);
}
