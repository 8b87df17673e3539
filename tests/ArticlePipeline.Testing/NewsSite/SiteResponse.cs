namespace ArticlePipeline.Testing.NewsSite;

/// <summary>What the fake news site answers for one path.</summary>
/// <param name="Body">The body bytes.</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">Extra response headers (Location, Retry-After, ETag...).</param>
public sealed record SiteResponse(byte[] Body, string? ContentType = "text/html; charset=utf-8", int Status = 200, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>An HTML page.</summary>
    public static SiteResponse Html(string html) => new(System.Text.Encoding.UTF8.GetBytes(html));

    /// <summary>A status with an empty body.</summary>
    public static SiteResponse StatusOnly(int status, IReadOnlyDictionary<string, string>? headers = null) => new([], "text/plain", status, headers);

    /// <summary>A redirect to <paramref name="location"/>.</summary>
    public static SiteResponse Redirect(string location, int status = 302) =>
        new([], null, status, new Dictionary<string, string> { ["Location"] = location });
}
