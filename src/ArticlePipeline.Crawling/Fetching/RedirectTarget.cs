using System.Text.RegularExpressions;
using ArticlePipeline.Core.Text;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// Where a redirect leads: the one place that reads a 3xx's <c>Location</c> header, for pages, feeds, sitemaps,
/// listings and robots.txt alike. Pure: the header's text in, a target or the reason there is none out.
/// </summary>
/// <remarks>
/// A target is an absolute URL: a relative reference is resolved against the URL that answered (RFC 9110, 10.2.2).
/// A well-formed absolute URL of another scheme (<c>ftp://host/a</c>, <c>file:///etc/passwd</c>) is returned as it
/// is, for the address and scheme policy to refuse at the next hop. Anything else is malformed and has no target:
/// no <c>Location</c> or several, an empty one, control characters, a scheme without <c>//</c> and a host
/// (<c>https:/x</c>, <c>file:/etc/passwd</c>, <c>ftp:x</c>, <c>javascript:...</c>), or text the URI parser rejects.
/// </remarks>
internal static partial class RedirectTarget
{
    /// <summary>The statuses that promise a <c>Location</c>: a redirect without one is malformed too.</summary>
    private static readonly int[] Redirects = [301, 302, 303, 307, 308];

    /// <summary>Whether <paramref name="status"/> is a redirect to follow (a 3xx other than 304).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="hasLocation">Whether the answer carries a <c>Location</c> header.</param>
    /// <returns><see langword="true"/> for 301, 302, 303, 307 and 308, and for any other 3xx with a <c>Location</c>.</returns>
    public static bool IsRedirect(int status, bool hasLocation) =>
        status is >= 300 and < 400 && status != 304 && (hasLocation || Redirects.Contains(status));

    /// <summary>Resolves the <c>Location</c> values of a redirect from <paramref name="current"/>.</summary>
    /// <param name="current">The URL that answered with the redirect.</param>
    /// <param name="values">The raw <c>Location</c> header values (none, one, or several).</param>
    /// <param name="problem">Why there is no target: one line, server text cleaned and cut.</param>
    /// <returns>The absolute target, or <see langword="null"/> when the header is malformed.</returns>
    public static Uri? Resolve(Uri current, IReadOnlyList<string> values, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
        problem = null;
        if (values.Count == 0)
        {
            problem = $"{current}: a redirect without a Location header";
            return null;
        }

        if (values.Count > 1)
        {
            problem = $"{current}: a redirect with {values.Count} Location headers";
            return null;
        }

        string text = values[0].Trim();
        string quoted = UntrustedText.Clean(text, 200);
        if (text.Length == 0)
        {
            problem = $"{current}: a redirect with an empty Location header";
            return null;
        }

        if (text.Any(char.IsControl))
        {
            problem = $"{current}: a redirect Location with control characters: '{quoted}'";
            return null;
        }

        Uri? target = SchemeOf(text) is { } scheme ? Absolute(text, scheme) : Relative(current, text);
        if (target is null)
        {
            problem = $"{current}: a malformed redirect Location: '{quoted}'";
        }

        return target;
    }

    // "scheme:" at the start, as RFC 3986 spells a scheme; a relative path never has a colon before its first '/'.
    private static string? SchemeOf(string text)
    {
        Match match = SchemePrefix().Match(text);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    private static Uri? Absolute(string text, string scheme)
    {
        // A scheme must be followed by "//" and an authority: "https:/x" and "ftp:x" are not URLs we can go to,
        // whatever a lenient parser would make of them.
        if (!text.AsSpan(scheme.Length + 1).StartsWith("//", StringComparison.Ordinal) ||
            !Uri.TryCreate(text, UriKind.Absolute, out Uri? target))
        {
            return null;
        }

        bool web = target.Scheme is "http" or "https";
        return web && target.Host.Length == 0 ? null : target;
    }

    private static Uri? Relative(Uri current, string text)
    {
        // "\\host\share" is a Windows path that .NET turns into a file URL: not a reference relative to a web page.
        if (text.StartsWith('\\'))
        {
            return null;
        }

        try
        {
            return Uri.TryCreate(current, text, out Uri? target) && target.IsAbsoluteUri &&
                target.Scheme == current.Scheme && target.Host.Length > 0 ? target : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();
}
