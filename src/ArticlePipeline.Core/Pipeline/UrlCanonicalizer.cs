using System.Text;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Puts URLs in one canonical form so the same article is recognised under its variants.</summary>
/// <remarks>
/// Pure: lower-cases scheme and host, drops default ports, fragments, tracking parameters (<c>utm_*</c>,
/// <c>fbclid</c>, <c>gclid</c>, session ids) and an empty query; keeps the path and the order of the
/// remaining parameters, because some CMSs route on them.
/// </remarks>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "zarsrc",
        "sessionid", "session_id", "phpsessid", "jsessionid", "sid", "_ga", "ref_src",
    };

    /// <summary>Returns the canonical form of <paramref name="url"/>.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The canonical URL.</returns>
    public static Uri Canonicalize(Uri url)
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

        return builder.Uri;
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
            if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name))
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
}
