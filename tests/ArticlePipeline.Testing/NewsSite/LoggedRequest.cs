namespace ArticlePipeline.Testing.NewsSite;

/// <summary>One request the fake site received, as its own log recorded it.</summary>
/// <param name="Path">Path and query.</param>
/// <param name="Status">The status answered (0 for a connection reset before any answer).</param>
/// <param name="UserAgent">The User-Agent sent.</param>
/// <param name="IfNoneMatch">The If-None-Match sent, if any.</param>
/// <param name="At">When it arrived.</param>
/// <param name="Completed">When the site finished answering it; <see langword="null"/> while it is in flight.</param>
/// <param name="InFlight">Requests in flight on this site when it arrived, itself included.</param>
/// <param name="IfModifiedSince">The If-Modified-Since sent, if any.</param>
public sealed record LoggedRequest(
    string Path,
    int Status,
    string? UserAgent,
    string? IfNoneMatch,
    DateTimeOffset At,
    DateTimeOffset? Completed = null,
    int InFlight = 1,
    string? IfModifiedSince = null);
