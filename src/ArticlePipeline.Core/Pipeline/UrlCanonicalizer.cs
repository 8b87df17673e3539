using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Puts URLs in one canonical form so the same article is recognised under its variants.</summary>
/// <remarks>
/// <para>
/// Pure. Merging two different articles loses one of them, while keeping a duplicate costs a little space, so only
/// what never tells pages apart is changed: scheme and host are lower-cased (an international host in its punycode
/// form, without a trailing dot), default ports, user information and an empty query are dropped, percent-escapes of
/// unreserved characters are decoded and the others get upper-case hex digits, and <c>.</c>/<c>..</c> path segments
/// are resolved. Fragments are dropped, except hashbangs (<c>#!...</c>), which address pages of script-driven sites.
/// </para>
/// <para>
/// Query parameters keep their order and their case, because CMSs route on them. A parameter is removed only when
/// it is tracking everywhere (<c>utm_*</c>, <c>fbclid</c>, <c>gclid</c>...), when the source names it in
/// <c>stripParameters</c>, or when it is a session parameter (<c>sid</c>, <c>sessionid</c>, <c>PHPSESSID</c>,
/// <c>jsessionid</c>, <c>ASPSESSIONID...</c>, also as a path parameter <c>;jsessionid=...</c>) whose value
/// <see cref="LooksLikeSessionToken">looks like a session token</see>: PHP-Nuke and Xoops sites use
/// <c>sid=1234</c> as the story id. A trailing slash is kept or stripped as the <see cref="TrailingSlashPolicy"/> says.
/// </para>
/// </remarks>
public static partial class UrlCanonicalizer
{
    /// <summary>The shortest value that can be a session token.</summary>
    public const int MinimumSessionTokenLength = 16;

    private const string TokenSeparators = "-_.,+/=%";

    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ttclid", "twclid", "li_fat_id",
        "mc_cid", "mc_eid", "igshid", "zarsrc", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "srsltid",
    };

    private static readonly HashSet<string> SessionParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "sid", "sessionid", "session_id", "sessid", "phpsessid", "jsessionid", "cfid", "cftoken", "oscsid", "zenid",
    };

    /// <summary>Returns the canonical form of <paramref name="url"/>, keeping a trailing slash (the record form).</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The canonical URL.</returns>
    public static Uri Canonicalize(Uri url) => Canonicalize(url, TrailingSlashPolicy.Keep, null);

    /// <summary>Returns the canonical form of <paramref name="url"/> under a trailing-slash policy.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <param name="trailingSlash">Whether <c>/a/</c> and <c>/a</c> are the same.</param>
    /// <returns>The canonical URL.</returns>
    public static Uri Canonicalize(Uri url, TrailingSlashPolicy trailingSlash) => Canonicalize(url, trailingSlash, null);

    /// <summary>Returns the canonical form of <paramref name="url"/> under a source's rules.</summary>
    /// <param name="url">An absolute URL; anything but http and https is returned as it is.</param>
    /// <param name="trailingSlash">Whether <c>/a/</c> and <c>/a</c> are the same.</param>
    /// <param name="stripParameters">
    /// Query parameters the source says never tell its pages apart (case-insensitive; a name ending in <c>*</c> is a
    /// prefix), removed on top of the tracking parameters; <see langword="null"/> for none.
    /// </param>
    /// <returns>The canonical URL.</returns>
    public static Uri Canonicalize(Uri url, TrailingSlashPolicy trailingSlash, IReadOnlyCollection<string>? stripParameters)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            return url;
        }

        var text = new StringBuilder(url.OriginalString.Length);
        text.Append(url.Scheme.ToLowerInvariant()).Append("://");
        text.Append((url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost.TrimEnd('.')).ToLowerInvariant());
        if (!url.IsDefaultPort)
        {
            text.Append(':').Append(url.Port);
        }

        string path = UpperHex(PathSessionParameter().Replace(url.AbsolutePath, m => LooksLikeSessionToken(m.Groups["value"].Value) ? string.Empty : m.Value));
        if (trailingSlash == TrailingSlashPolicy.Strip && path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        text.Append(path.Length == 0 ? "/" : path);
        string query = FilterQuery(url.Query, stripParameters);
        if (query.Length > 0)
        {
            text.Append('?').Append(UpperHex(query));
        }

        if (url.Fragment.StartsWith("#!", StringComparison.Ordinal))
        {
            text.Append(UpperHex(url.Fragment));
        }

        return new Uri(text.ToString());
    }

    /// <summary>
    /// Whether a session parameter's value looks like a session token rather than a story id or a slug: at least
    /// <see cref="MinimumSessionTokenLength"/> characters, only letters, digits and <c>- _ . , + / = %</c>, not all
    /// digits (a long number is a record id), and no short word between separators (<c>tin-tuc-moi</c>, as slugs
    /// have). Hex, base64, UUIDs and the ids of PHP, Java, ASP and ColdFusion sessions pass; <c>1234</c>,
    /// <c>20250623073000</c> and <c>bai-viet-so-1</c> do not.
    /// </summary>
    /// <param name="value">The parameter's value as it appears in the URL.</param>
    /// <returns><see langword="true"/> when the value can be dropped as a session token.</returns>
    public static bool LooksLikeSessionToken(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < MinimumSessionTokenLength ||
            value.Any(c => !char.IsAsciiLetterOrDigit(c) && !TokenSeparators.Contains(c, StringComparison.Ordinal)) ||
            value.All(c => char.IsAsciiDigit(c) || TokenSeparators.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        // A slug is made of words; a token's pieces are long or mix letters and digits.
        return !value.Split(TokenSeparators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries)
            .Any(piece => piece.Length <= 7 && piece.All(char.IsAsciiLetter));
    }

    private static string FilterQuery(string query, IReadOnlyCollection<string>? stripParameters)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        var kept = new StringBuilder();
        // Only the first '?' starts the query: a second one is part of it (TrimStart would not be idempotent).
        foreach (string pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            if (IsTracking(name) || IsSession(name) && LooksLikeSessionToken(value) || IsStripped(name, stripParameters))
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

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);

    private static bool IsSession(string name) =>
        name.StartsWith("aspsessionid", StringComparison.OrdinalIgnoreCase) || SessionParameters.Contains(name);

    private static bool IsStripped(string name, IReadOnlyCollection<string>? stripParameters) =>
        stripParameters is not null && stripParameters.Any(p => p.EndsWith('*')
            ? name.StartsWith(p[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(name, p, StringComparison.OrdinalIgnoreCase));

    // %2f and %2F are the same escape; the hex digits' case is the one thing about them that never matters.
    private static string UpperHex(string text) =>
        text.Contains('%', StringComparison.Ordinal) ? PercentEscape().Replace(text, m => m.Value.ToUpperInvariant()) : text;

    [GeneratedRegex(@";(?:jsessionid|phpsessid|sessionid|sid)=(?<value>[^/;?#]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathSessionParameter();

    [GeneratedRegex("%[0-9a-fA-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEscape();
}
