namespace ArticlePipeline.Crawling.Fetching;

/// <summary>How hard one host may be asked: the gap between two request starts and the requests at once.</summary>
/// <param name="Delay">Minimum time between the starts of two requests to the host.</param>
/// <param name="MaxConnections">Most requests in flight to the host at once.</param>
public readonly record struct HostLimits(TimeSpan Delay, int MaxConnections)
{
    /// <summary>The stricter of two limits: the longer delay and the fewer connections.</summary>
    /// <param name="other">The other limits.</param>
    /// <returns>The combined limits.</returns>
    public HostLimits Strictest(HostLimits other) =>
        new(Delay > other.Delay ? Delay : other.Delay, Math.Min(MaxConnections, other.MaxConnections));
}
