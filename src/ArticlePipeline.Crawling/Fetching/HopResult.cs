namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// How following one URL through its redirects ended: an answer that is not a redirect, or a refusal or failure
/// with its reason, at the URL of the last hop.
/// </summary>
/// <param name="Url">The URL of the last hop.</param>
/// <param name="Hop">Its position in the chain (0 for the URL asked for).</param>
/// <param name="Attempt">The answer, when one came that is not a redirect to follow.</param>
/// <param name="Reason">Why there is no answer, e.g. <c>address-policy</c>, <c>robots</c>, <c>timeout</c>.</param>
/// <param name="Detail">The explanation, server text cleaned.</param>
/// <param name="Refused">Whether the hop was refused before any request (policy, robots.txt).</param>
internal sealed record HopResult(Uri Url, int Hop, HttpAttempt? Attempt, string? Reason, string? Detail, bool Refused)
{
    /// <summary>An answer that is not a redirect (it may still carry a guard's failure reason).</summary>
    public static HopResult Answered(Uri url, int hop, HttpAttempt attempt) => new(url, hop, attempt, null, null, false);

    /// <summary>A hop refused before any request.</summary>
    public static HopResult Refusal(Uri url, int hop, string reason, string detail) => new(url, hop, null, reason, detail, true);

    /// <summary>A hop that failed.</summary>
    public static HopResult Failure(Uri url, int hop, string reason, string detail) => new(url, hop, null, reason, detail, false);
}
