using System.Text;

namespace ArticlePipeline.Testing.NewsSite;

/// <summary>What the fake news site answers for one path.</summary>
/// <param name="Body">The body bytes.</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">Extra response headers (Location, Retry-After, ETag...).</param>
public sealed record SiteResponse(byte[] Body, string? ContentType = "text/html; charset=utf-8", int Status = 200, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A misbehaviour to play instead of a clean answer.</summary>
    public SiteFault Fault { get; init; }

    /// <summary>The reason phrase of the status line, when not the standard one (a hostile server's text).</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>How long the site thinks before it answers (a slow server).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For <see cref="SiteFault.HugeBody"/> the bytes sent, for <see cref="SiteFault.GzipBomb"/> the inflated size.</summary>
    public long FaultLength { get; init; }

    /// <summary>For <see cref="SiteFault.HugeBody"/>: whether Content-Length announces the size (else it is chunked).</summary>
    public bool AnnounceLength { get; init; }

    /// <summary>An HTML page.</summary>
    public static SiteResponse Html(string html) => new(Encoding.UTF8.GetBytes(html));

    /// <summary>A plain-text page, e.g. a robots.txt.</summary>
    public static SiteResponse Text(string text) => new(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    /// <summary>An XML document (feed or sitemap).</summary>
    public static SiteResponse Xml(string xml) => new(Encoding.UTF8.GetBytes(xml), "application/xml; charset=utf-8");

    /// <summary>A status with an empty body.</summary>
    public static SiteResponse StatusOnly(int status, IReadOnlyDictionary<string, string>? headers = null) => new([], "text/plain", status, headers);

    /// <summary>A redirect to <paramref name="location"/>.</summary>
    public static SiteResponse Redirect(string location, int status = 302) =>
        new([], null, status, new Dictionary<string, string> { ["Location"] = location });

    /// <summary>A 503 or 429 asking the client to come back after <paramref name="seconds"/>.</summary>
    public static SiteResponse RetryAfter(int status, int seconds) =>
        StatusOnly(status, new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The connection is reset before any answer.</summary>
    public static SiteResponse Reset() => new([], null, 0) { Fault = SiteFault.Reset };

    /// <summary>Half of <paramref name="html"/> arrives, then the connection closes.</summary>
    public static SiteResponse Truncated(string html) => Html(html) with { Fault = SiteFault.TruncatedBody };

    /// <summary>Half of <paramref name="html"/> arrives, then nothing.</summary>
    public static SiteResponse Stalled(string html) => Html(html) with { Fault = SiteFault.StalledBody };

    /// <summary>A page of <paramref name="bytes"/> bytes, with or without Content-Length.</summary>
    public static SiteResponse Huge(long bytes, bool announceLength) =>
        new([]) { Fault = SiteFault.HugeBody, FaultLength = bytes, AnnounceLength = announceLength };

    /// <summary>A gzip-encoded page that inflates to <paramref name="inflatedBytes"/> bytes.</summary>
    public static SiteResponse GzipBomb(long inflatedBytes) => new([]) { Fault = SiteFault.GzipBomb, FaultLength = inflatedBytes };
}
