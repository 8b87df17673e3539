using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// Reads RSS 2.0, Atom and sitemaps (urlset, sitemap index, Google News tags, gzip) with safe XML settings:
/// no DTD processing, no external entities, a cap on document size. A billion-laughs or XXE document is
/// rejected with <see cref="XmlException"/>.
/// </summary>
internal static class FeedParser
{
    /// <summary>Largest decompressed document read, in characters.</summary>
    public const long MaxCharacters = 50L * 1024 * 1024;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Links of a feed or sitemap, and the nested sitemaps of a sitemap index.</summary>
    public static (List<DiscoveredLink> Links, List<Uri> Sitemaps) Parse(ReadOnlyMemory<byte> body, Uri documentUrl)
    {
        var links = new List<DiscoveredLink>();
        var sitemaps = new List<Uri>();
        using Stream stream = Open(body);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(stream, settings);
        string? link = null;
        DateTimeOffset? date = null;
        bool inItem = false, inSitemapEntry = false;

        // ReadElementContentAsString leaves the reader on the next node already: only Read() when nothing was consumed.
        bool consumed = false;
        while (consumed || reader.Read())
        {
            consumed = false;
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "item" or "entry" or "url":
                        inItem = true;
                        link = null;
                        date = null;
                        break;
                    case "sitemap":
                        inSitemapEntry = true;
                        link = null;
                        break;
                    case "link" when inItem:
                        // Atom: <link rel="alternate" href="..."/>; RSS: <link>url</link>.
                        string? href = reader.GetAttribute("href");
                        string? rel = reader.GetAttribute("rel");
                        if (href is not null)
                        {
                            if (rel is null or "alternate")
                            {
                                link ??= href;
                            }
                        }
                        else if (!reader.IsEmptyElement)
                        {
                            link ??= reader.ReadElementContentAsString();
                            consumed = true;
                        }

                        break;
                    case "loc" when (inItem || inSitemapEntry) && reader.NamespaceURI is SitemapNamespace or "":
                        // Only the sitemap's own <loc>: an <image:loc> or <video:loc> is not the page.
                        link ??= reader.ReadElementContentAsString();
                        consumed = true;
                        break;
                    case "guid" when inItem && string.Equals(reader.GetAttribute("isPermaLink"), "true", StringComparison.OrdinalIgnoreCase):
                        string guid = reader.ReadElementContentAsString();
                        link ??= guid;
                        consumed = true;
                        break;
                    case "pubDate" or "published" or "updated" or "lastmod" or "publication_date" or "date" when inItem:
                        date = ParseDate(reader.ReadElementContentAsString()) ?? date;
                        consumed = true;
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.LocalName is "item" or "entry" or "url" && inItem)
                {
                    inItem = false;
                    if (Resolve(documentUrl, link) is { } url)
                    {
                        links.Add(new DiscoveredLink(url, date));
                    }
                }
                else if (reader.LocalName == "sitemap" && inSitemapEntry)
                {
                    inSitemapEntry = false;
                    if (Resolve(documentUrl, link) is { } url)
                    {
                        sitemaps.Add(url);
                    }
                }
            }
        }

        return (links, sitemaps);
    }

    private static Stream Open(ReadOnlyMemory<byte> body)
    {
        var raw = new MemoryStream(body.ToArray(), writable: false);
        if (body.Length >= 2 && body.Span[0] == 0x1F && body.Span[1] == 0x8B)
        {
            // A gzip sitemap; the reader's character cap also bounds the decompressed size.
            return new GZipStream(raw, CompressionMode.Decompress);
        }

        return raw;
    }

    private static Uri? Resolve(Uri documentUrl, string? link)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(documentUrl, link.Trim(), out Uri? url))
        {
            return null;
        }

        return url.Scheme is "http" or "https" || (url.IsFile && documentUrl.IsFile) ? url : null;
    }

    private static DateTimeOffset? ParseDate(string text)
    {
        text = text.Trim();
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out DateTime local) &&
            local.Kind == DateTimeKind.Unspecified)
        {
            // A date without a zone is the newspaper's: Vietnam time, whatever this machine's zone is.
            return new DateTimeOffset(local, TimeSpan.FromHours(7));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset date))
        {
            return date;
        }

        // RFC 822 with a named zone ("GMT", "+0700" is handled above).
        return DateTimeOffset.TryParseExact(
            text.Replace(" GMT", " +0000", StringComparison.Ordinal),
            ["ddd, d MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces,
            out date) ? date : null;
    }
}
