namespace ArticlePipeline.Crawling.Fetching;

/// <summary>What <c>Content-Encoding</c> says was applied to a body, and what the fetcher asks servers for.</summary>
internal static class ContentCodings
{
    /// <summary>The failure reason of a body in a coding the fetcher cannot decode.</summary>
    public const string Unsupported = "content-encoding";

    /// <summary>The <c>Accept-Encoding</c> sent with every request: exactly the codings <see cref="ContentDecoder"/> decodes.</summary>
    public const string Accepted = "gzip, deflate, br";

    /// <summary>
    /// Reads the codings of a <c>Content-Encoding</c> header, in the order they were applied: <c>identity</c> and
    /// empty items stand for no coding, names are case-insensitive, <c>x-gzip</c> is <c>gzip</c> (RFC 9110, 8.4.1.3).
    /// </summary>
    /// <param name="values">The header's values as received (each may be a comma-separated list).</param>
    /// <param name="codings">The codings applied, first applied first; empty for an unencoded body.</param>
    /// <param name="unknown">The first coding that is not one of <see cref="ContentCoding"/>, when there is one.</param>
    /// <returns>Whether every coding is known.</returns>
    public static bool TryParse(IEnumerable<string> values, out IReadOnlyList<ContentCoding> codings, out string? unknown)
    {
        var found = new List<ContentCoding>();
        unknown = null;
        foreach (string value in values)
        {
            foreach (string item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                switch (item.ToLowerInvariant())
                {
                    case "identity":
                        break;
                    case "gzip" or "x-gzip":
                        found.Add(ContentCoding.Gzip);
                        break;
                    case "deflate":
                        found.Add(ContentCoding.Deflate);
                        break;
                    case "br":
                        found.Add(ContentCoding.Brotli);
                        break;
                    default:
                        unknown = item;
                        codings = [];
                        return false;
                }
            }
        }

        codings = found;
        return true;
    }
}
