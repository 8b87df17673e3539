namespace ArticlePipeline.Testing.NewsSite;

/// <summary>One request the fake site received, as its own log recorded it.</summary>
/// <param name="Path">Path and query.</param>
/// <param name="Status">The status answered.</param>
/// <param name="UserAgent">The User-Agent sent.</param>
/// <param name="IfNoneMatch">The If-None-Match sent, if any.</param>
/// <param name="At">When it arrived.</param>
public sealed record LoggedRequest(string Path, int Status, string? UserAgent, string? IfNoneMatch, DateTimeOffset At);
