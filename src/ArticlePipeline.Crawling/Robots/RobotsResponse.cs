namespace ArticlePipeline.Crawling.Robots;

/// <summary>What fetching a robots.txt gave: a final status and body, or the error that stopped it.</summary>
/// <param name="Status">The final HTTP status (after redirects), or <see langword="null"/> when no answer came.</param>
/// <param name="Body">The body (at most <see cref="RobotsParser.MaxBytes"/>), for a 2xx.</param>
/// <param name="Error">Why no answer came (connection, timeout, open circuit, refused address), or too many redirects.</param>
internal sealed record RobotsResponse(int? Status, byte[]? Body, string? Error)
{
    /// <summary>More redirects than RFC 9309 asks crawlers to follow.</summary>
    public bool TooManyRedirects { get; init; }

    /// <summary>A redirect whose <c>Location</c> cannot be followed (missing, empty, malformed); <see cref="Error"/> says how.</summary>
    public bool BadRedirect { get; init; }

    /// <summary>Why the address policy refused the origin itself, when it did (then no request was made).</summary>
    public string? AddressRefusal { get; init; }
}
