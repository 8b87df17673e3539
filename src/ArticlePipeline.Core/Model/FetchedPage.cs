namespace ArticlePipeline.Core.Model;

/// <summary>A successful fetch: the page plus its validators for the next conditional request.</summary>
/// <param name="Content">The page.</param>
/// <param name="StatusCode">The final HTTP status (200 for files).</param>
/// <param name="ETag">The ETag validator, if the server sent one.</param>
/// <param name="LastModified">The Last-Modified validator, if the server sent one.</param>
/// <param name="FetchedAt">When the response arrived.</param>
public sealed record FetchedPage(
    PageContent Content,
    int StatusCode,
    string? ETag,
    DateTimeOffset? LastModified,
    DateTimeOffset FetchedAt)
{
    /// <summary>The request and response as they went over the wire, for HTTP fetches (not files).</summary>
    public HttpExchange? Exchange { get; init; }

    /// <summary>Where <see cref="Exchange"/> was stored, once a capture store kept it.</summary>
    public PageCapture? Capture { get; init; }
}
