namespace ArticlePipeline.Core.Pipeline;

/// <summary>Whether the frontier sends a URL to the fetcher, or why not.</summary>
/// <param name="Fetch">Whether to fetch it.</param>
/// <param name="Reason">One of <see cref="SkipReasons"/> when not.</param>
/// <param name="Detail">A human-readable explanation.</param>
public readonly record struct FrontierDecision(bool Fetch, string? Reason, string? Detail)
{
    /// <summary>Fetch the URL.</summary>
    public static FrontierDecision Proceed => new(true, null, null);

    /// <summary>Skip the URL.</summary>
    /// <param name="reason">One of <see cref="SkipReasons"/>.</param>
    /// <param name="detail">Why.</param>
    /// <returns>The decision.</returns>
    public static FrontierDecision Skip(string reason, string detail) => new(false, reason, detail);
}
