namespace ArticlePipeline.Crawling.Robots;

/// <summary>The robots.txt of one origin as the crawler currently applies it.</summary>
/// <param name="File">The parsed file (empty when none was read).</param>
/// <param name="Rules">The rules for our product token.</param>
/// <param name="Expires">When it must be fetched again.</param>
/// <param name="Description">Where the rules come from, e.g. <c>robots.txt HTTP 503: unreachable, all paths disallowed</c>.</param>
/// <param name="Unreachable">Whether the last fetch failed (5xx, 429 or a network error).</param>
internal sealed record RobotsEntry(RobotsFile File, RobotsRules Rules, DateTimeOffset Expires, string Description, bool Unreachable)
{
    /// <summary>
    /// Why the address policy refuses the origin itself (it resolves to an internal address), when it does: its
    /// URLs are then refused for that reason, not for robots.txt.
    /// </summary>
    public string? AddressRefusal { get; init; }
}
