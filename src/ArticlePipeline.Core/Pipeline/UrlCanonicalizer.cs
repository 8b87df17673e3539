using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Puts URLs in one canonical form so the same article is recognised under its variants.</summary>
/// <remarks>
/// Pure: lower-cases scheme and host, drops default ports, fragments, tracking parameters (<c>utm_*</c>,
/// <c>fbclid</c>, <c>gclid</c>...), session ids (as query parameters, or as path parameters such as
/// <c>;jsessionid=...</c>) and an empty query; keeps the path and the order of the remaining parameters, because some
/// CMSs route on them. A trailing slash is kept or stripped as the <see cref="TrailingSlashPolicy"/> says.
/// </remarks>
public static partial class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ttclid", "twclid", "li_fat_id",
        "mc_cid", "mc_eid", "igshid", "zarsrc", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
        "sessionid", "session_id", "sessid", "phpsessid", "jsessionid", "sid", "cfid", "cftoken", "oscsid", "zenid",
    };

    /// <summary>Returns the canonical form of <paramref name="url"/>, keeping a trailing slash (the record form).</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The canonical URL.</returns>
    public static Uri Canonicalize(Uri url) => Canonicalize(url, TrailingSlashPolicy.Keep);

    /// <summary>Returns the canonical form of <paramref name="url"/> under a trailing-slash policy.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <param name="trailingSlash">Whether <c>/a/</c> and <c>/a</c> are the same.</param>
    /// <returns>The canonical URL.</returns>
    public static Uri Canonicalize(Uri url, TrailingSlashPolicy trailingSlash)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.IsFile)
        {
            return url;
        }

        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme.ToLowerInvariant(),
            Host = url.IdnHost.ToLowerInvariant().TrimEnd('.'),
            Fragment = string.Empty,
            Query = FilterQuery(url.Query),
        };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        Uri canonical = builder.Uri;
        string path = canonical.AbsolutePath;
        string cleaned = PathSessionParameter().Replace(path, string.Empty);
        if (trailingSlash == TrailingSlashPolicy.Strip && cleaned.Length > 1)
        {
            cleaned = cleaned.TrimEnd('/');
            if (cleaned.Length == 0)
            {
                cleaned = "/";
            }
        }

        // The path is already escaped: rebuild the string rather than let UriBuilder escape it again.
        return cleaned == path ? canonical : new Uri(canonical.GetLeftPart(UriPartial.Authority) + cleaned + canonical.Query);
    }

    private static string FilterQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        var kept = new StringBuilder();
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("aspsessionid", StringComparison.OrdinalIgnoreCase) ||
                TrackingParameters.Contains(name))
            {
                continue;
            }

            if (kept.Length > 0)
            {
                kept.Append('&');
            }

            kept.Append(pair);
        }

        return kept.ToString();
    }

    [GeneratedRegex(@";(?:jsessionid|phpsessid|sessionid|sid)=[^/;?#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathSessionParameter();
}
