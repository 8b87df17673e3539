namespace ArticlePipeline.Crawling.Robots;

/// <summary>
/// What a robots.txt response means (RFC 9309, 2.3.1). Pure: 2xx is parsed; 4xx (a missing file) allows everything;
/// 5xx, 429 and network errors make the origin unreachable, which disallows everything until the next attempt,
/// unless an earlier good copy is at hand, which is kept; more than five redirects count as a missing file, and so
/// does a redirect that cannot be followed (no, an empty or a malformed <c>Location</c>).
/// </summary>
/// <remarks>
/// RFC 9309 (2.3.1.2) lets a crawler treat a robots.txt it cannot reach within five redirects as unavailable, and
/// an unavailable file allows everything (2.3.1.3). A broken redirect is the same case: the server answered, with
/// a redirect that leads nowhere, which is neither a server error nor a network error (the "unreachable" cases that
/// disallow everything). A host whose address the policy refuses is not a robots.txt case at all: the entry records
/// the refusal, and its URLs are refused as <c>address-policy</c>.
/// </remarks>
internal static class RobotsFetchPolicy
{
    /// <summary>Redirects followed to reach a robots.txt (RFC 9309 asks for at least five).</summary>
    public const int MaxRedirects = 5;

    /// <summary>Turns a response into the entry to cache.</summary>
    /// <param name="response">The response.</param>
    /// <param name="previous">The entry cached before, if any.</param>
    /// <param name="productToken">Our product token.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cacheFor">How long a read file (or a 4xx) is used.</param>
    /// <param name="retryAfter">How soon an unreachable origin is asked again.</param>
    /// <returns>The entry.</returns>
    public static RobotsEntry Interpret(
        RobotsResponse response,
        RobotsEntry? previous,
        string productToken,
        DateTimeOffset now,
        TimeSpan cacheFor,
        TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.TooManyRedirects)
        {
            return new RobotsEntry(RobotsFile.Empty, RobotsRules.AllowAll, now + cacheFor, $"robots.txt: more than {MaxRedirects} redirects, treated as missing (all allowed)", false);
        }

        if (response.BadRedirect)
        {
            return new RobotsEntry(RobotsFile.Empty, RobotsRules.AllowAll, now + cacheFor, $"robots.txt: a redirect that cannot be followed ({response.Error}), treated as missing (all allowed)", false);
        }

        if (response.AddressRefusal is { } refusal)
        {
            return new RobotsEntry(RobotsFile.Empty, RobotsRules.DisallowAll, now + retryAfter, $"robots.txt not fetched: {refusal}", true) { AddressRefusal = refusal };
        }

        if (response.Status is int status and >= 200 and < 300)
        {
            RobotsFile file = RobotsParser.Parse(response.Body ?? []);
            return new RobotsEntry(file, file.For(productToken), now + cacheFor, $"robots.txt (HTTP {status})", false);
        }

        if (response.Status is int missing and >= 400 and < 500 && missing != 429)
        {
            return new RobotsEntry(RobotsFile.Empty, RobotsRules.AllowAll, now + cacheFor, $"robots.txt HTTP {missing}: unavailable, all allowed", false);
        }

        string why = response.Status is int code ? $"HTTP {code}" : response.Error ?? "no answer";
        if (previous is { Unreachable: false })
        {
            return previous with { Expires = now + retryAfter, Description = $"robots.txt unreachable ({why}): the copy fetched before is kept" };
        }

        return new RobotsEntry(RobotsFile.Empty, RobotsRules.DisallowAll, now + retryAfter, $"robots.txt unreachable ({why}): all paths disallowed until it is fetched again", true);
    }
}
