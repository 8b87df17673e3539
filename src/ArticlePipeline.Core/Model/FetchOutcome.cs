using ArticlePipeline.Core.Text;

namespace ArticlePipeline.Core.Model;

/// <summary>The result of fetching one URL. Expected outcomes (404, refused, unchanged) are values, not exceptions.</summary>
/// <param name="Url">The URL that was asked for.</param>
/// <param name="Status">How the fetch ended.</param>
/// <param name="Page">The page, when <see cref="FetchStatus.Fetched"/>.</param>
/// <param name="Reason">A short machine-readable reason for a failure or refusal, e.g. <c>http-404</c>.</param>
/// <param name="Detail">
/// A human-readable explanation. It quotes URLs and server text, so the factories pass it through
/// <see cref="UntrustedText.Clean"/>: one line, no control characters, at most <see cref="MaxDetailLength"/> characters.
/// </param>
public sealed record FetchOutcome(Uri Url, FetchStatus Status, FetchedPage? Page, string? Reason, string? Detail)
{
    /// <summary>The longest <see cref="Detail"/> the factories keep.</summary>
    public const int MaxDetailLength = 1000;

    /// <summary>A fetched page.</summary>
    /// <param name="url">The URL asked for.</param>
    /// <param name="page">The page.</param>
    /// <returns>The outcome.</returns>
    public static FetchOutcome Fetched(Uri url, FetchedPage page) => new(url, FetchStatus.Fetched, page, null, null);

    /// <summary>An unchanged page (HTTP 304).</summary>
    /// <param name="url">The URL asked for.</param>
    /// <returns>The outcome.</returns>
    public static FetchOutcome NotModified(Uri url) => new(url, FetchStatus.NotModified, null, "not-modified", null);

    /// <summary>A failed fetch.</summary>
    /// <param name="url">The URL asked for.</param>
    /// <param name="reason">Short reason, e.g. <c>http-404</c>, <c>content-type</c>, <c>too-large</c>.</param>
    /// <param name="detail">Human-readable explanation.</param>
    /// <returns>The outcome.</returns>
    public static FetchOutcome Failed(Uri url, string reason, string detail) =>
        new(url, FetchStatus.Failed, null, reason, UntrustedText.Clean(detail, MaxDetailLength));

    /// <summary>A URL refused before any request.</summary>
    /// <param name="url">The URL asked for.</param>
    /// <param name="reason">Short reason, e.g. <c>address-policy</c>.</param>
    /// <param name="detail">Human-readable explanation.</param>
    /// <returns>The outcome.</returns>
    public static FetchOutcome Refused(Uri url, string reason, string detail) =>
        new(url, FetchStatus.Refused, null, reason, UntrustedText.Clean(detail, MaxDetailLength));
}
