using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using ArticlePipeline.Core.Dates;
using ArticlePipeline.Core.Text;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// Reads RSS 0.9x/2.0, RDF/RSS 1.0, Atom 0.3/1.0 and sitemaps (urlset, sitemap index, news, gzip) as a stream, handing
/// each link over as soon as its entry ends, so a document of millions of links is never held in memory.
/// </summary>
/// <remarks>
/// <para>Every loop advances the reader (an element is read whole or skipped whole, whatever its content), so no
/// arrangement of elements can make it spin; cancellation is checked at every entry.</para>
/// <para>Safety: a DOCTYPE is ignored, never processed (no entity is expanded, nothing external is resolved); an entity
/// only a DTD could declare stops the document there. Tolerance: <see cref="TolerantXmlText"/> repairs bare ampersands,
/// HTML entities, control characters and junk before <c>&lt;?xml</c>; any other XML error (a truncated file) keeps
/// the links read before it and is reported in <see cref="FeedReadResult.Error"/>.</para>
/// </remarks>
internal static class FeedParser
{
    /// <summary>Largest document read, in bytes after decompression: the sitemap protocol's 50 MiB.</summary>
    public const long MaxDocumentBytes = 50L * 1024 * 1024;

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxDocumentBytes * 2,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    private enum EntryKind
    {
        FeedItem,
        SitemapUrl,
        SitemapReference,
    }

    /// <summary>Parses a whole document into lists (tests and small documents).</summary>
    /// <param name="body">The document, gzip or not.</param>
    /// <param name="documentUrl">Where it came from: relative links resolve against it.</param>
    /// <returns>The links, the nested sitemaps of an index, and the error that ended reading early, if any.</returns>
    public static FeedParseResult Parse(ReadOnlyMemory<byte> body, Uri documentUrl)
    {
        var links = new List<DiscoveredLink>();
        var sitemaps = new List<DiscoveredLink>();
        FeedReadResult read = Read(body, documentUrl, links.Add, sitemaps.Add);
        return new FeedParseResult(links, sitemaps.Select(s => s.Url).ToList(), read);
    }

    /// <summary>Streams the links of a feed or sitemap to <paramref name="onLink"/> and <paramref name="onSitemap"/>.</summary>
    /// <param name="body">The document, gzip or not.</param>
    /// <param name="documentUrl">Where it came from: relative links resolve against it (and any <c>xml:base</c>).</param>
    /// <param name="onLink">Receives each article link, with its date when the entry gave one.</param>
    /// <param name="onSitemap">Receives each nested sitemap of a sitemap index, with its <c>lastmod</c>.</param>
    /// <param name="maxBytes">Most bytes read after decompression; the rest is cut and reported.</param>
    /// <param name="wanted">
    /// Asked with a sitemap link's date before its URL is built: <see langword="false"/> drops it at once (a bounded
    /// consumer that keeps only newer links saves the cost of every link it would give up). Optional.
    /// </param>
    /// <param name="cancellationToken">Stops reading between entries.</param>
    /// <returns>Counts, the bytes read, and what ended reading early.</returns>
    public static FeedReadResult Read(
        ReadOnlyMemory<byte> body,
        Uri documentUrl,
        Action<DiscoveredLink> onLink,
        Action<DiscoveredLink> onSitemap,
        long maxBytes = MaxDocumentBytes,
        Func<DateTimeOffset?, bool>? wanted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentUrl);
        ArgumentNullException.ThrowIfNull(onLink);
        ArgumentNullException.ThrowIfNull(onSitemap);
        var walker = new Walker(documentUrl, onLink, onSitemap, wanted, cancellationToken);
        using var stream = new CappedStream(Open(body), Math.Min(maxBytes, MaxDocumentBytes));
        string? error = null;
        int repairs = 0;
        try
        {
            stream.PeekPrefix(1024);
            Encoding encoding = DetectEncoding(stream.Prefix);
            using var text = new TolerantXmlText(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, 64 * 1024, leaveOpen: true));
            try
            {
                using var reader = XmlReader.Create(text, Settings);
                walker.Run(reader);
            }
            finally
            {
                repairs = text.Repairs;
            }
        }
        catch (XmlException ex)
        {
            walker.KeepPartialEntry();
            error = stream.Truncated
                ? string.Create(CultureInfo.InvariantCulture, $"cut at {stream.Limit} bytes")
                : string.Create(CultureInfo.InvariantCulture, $"not well-formed XML, read up to line {ex.LineNumber}, position {ex.LinePosition}: {UntrustedText.Clean(ex.Message, 300)}");
        }
        catch (InvalidDataException ex)
        {
            walker.KeepPartialEntry();
            error = "broken gzip: " + UntrustedText.Clean(ex.Message, 300);
        }

        if (error is null && stream.Truncated)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"cut at {stream.Limit} bytes");
        }

        return new FeedReadResult(walker.Links, walker.Sitemaps, stream.BytesRead, repairs, error, stream.Truncated);
    }

    private static Stream Open(ReadOnlyMemory<byte> body)
    {
        Stream raw = MemoryMarshal.TryGetArray(body, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);
        if (body.Length >= 2 && body.Span[0] == 0x1F && body.Span[1] == 0x8B)
        {
            // A gzip sitemap: the cap counts decompressed bytes.
            return new GZipStream(raw, CompressionMode.Decompress);
        }

        return raw;
    }

    /// <summary>A BOM, else UTF-16 by its zero bytes, else the declaration's <c>encoding</c>, else UTF-8.</summary>
    private static Encoding DetectEncoding(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || prefix is [(byte)'<', 0, ..])
        {
            return Encoding.Unicode;
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || prefix is [0, (byte)'<', ..])
        {
            return Encoding.BigEndianUnicode;
        }

        string head = Encoding.ASCII.GetString(prefix);
        int declaration = head.IndexOf("<?xml", StringComparison.Ordinal);
        int close = declaration < 0 ? -1 : head.IndexOf("?>", declaration, StringComparison.Ordinal);
        if (close > 0)
        {
            string attributes = head[declaration..close];
            int at = attributes.IndexOf("encoding", StringComparison.Ordinal);
            if (at > 0)
            {
                string value = attributes[(at + 8)..].TrimStart(' ', '=', '"', '\'');
                int end = value.IndexOfAny(['"', '\'', ' ']);
                if (TextEncodings.Find(end > 0 ? value[..end] : value) is { } declared)
                {
                    // A label of UTF-16 on bytes that are not (we are past the BOM and zero-byte checks) is a lie.
                    return declared is UnicodeEncoding ? Encoding.UTF8 : declared;
                }
            }
        }

        return Encoding.UTF8;
    }

    private static Uri? Resolve(Uri baseUrl, string? link)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(baseUrl, link.Trim(), out Uri? url))
        {
            return null;
        }

        return url.Scheme is "http" or "https" || (url.IsFile && baseUrl.IsFile) ? url : null;
    }

    /// <summary>Whether <paramref name="ns"/> is a sitemap extension (image, video, news, xhtml) whose <c>loc</c> is not the page.</summary>
    private static bool IsExtension(string ns) =>
        ns.Contains("sitemap-image", StringComparison.OrdinalIgnoreCase) ||
        ns.Contains("sitemap-video", StringComparison.OrdinalIgnoreCase) ||
        ns.Contains("sitemap-news", StringComparison.OrdinalIgnoreCase) ||
        ns.Contains("sitemap-mobile", StringComparison.OrdinalIgnoreCase) ||
        ns.Equals("http://www.w3.org/1999/xhtml", StringComparison.Ordinal);

    /// <summary>Walks the document; every branch of every loop consumes at least one node.</summary>
    private sealed class Walker
    {
        private readonly Uri _documentUrl;
        private readonly Action<DiscoveredLink> _onLink;
        private readonly Action<DiscoveredLink> _onSitemap;
        private readonly Func<DateTimeOffset?, bool>? _wanted;
        private readonly CancellationToken _cancellationToken;
        private readonly List<(int Depth, Uri Base)> _bases = [];
        private Entry? _current;

        public Walker(Uri documentUrl, Action<DiscoveredLink> onLink, Action<DiscoveredLink> onSitemap, Func<DateTimeOffset?, bool>? wanted, CancellationToken cancellationToken)
        {
            _wanted = wanted;
            _documentUrl = documentUrl;
            _onLink = onLink;
            _onSitemap = onSitemap;
            _cancellationToken = cancellationToken;
        }

        public int Links { get; private set; }

        public int Sitemaps { get; private set; }

        public void Run(XmlReader reader)
        {
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                while (_bases.Count > 0 && _bases[^1].Depth >= reader.Depth)
                {
                    _bases.RemoveAt(_bases.Count - 1);
                }

                Uri baseUrl = WithBase(_bases.Count > 0 ? _bases[^1].Base : _documentUrl, reader);
                EntryKind? kind = reader.LocalName switch
                {
                    "item" or "entry" => EntryKind.FeedItem,
                    "url" => EntryKind.SitemapUrl,
                    "sitemap" => EntryKind.SitemapReference,
                    _ => null,
                };
                if (kind is { } entry)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    ReadEntry(reader, entry, baseUrl);
                    continue;
                }

                if (!reader.IsEmptyElement)
                {
                    _bases.Add((reader.Depth, baseUrl));
                }

                reader.Read();
            }
        }

        /// <summary>After an error: an entry cut short still counts if its link was complete.</summary>
        public void KeepPartialEntry()
        {
            if (_current is { } entry)
            {
                _current = null;
                Emit(entry);
            }
        }

        private void ReadEntry(XmlReader reader, EntryKind kind, Uri baseUrl)
        {
            var entry = new Entry(kind);
            if (kind == EntryKind.FeedItem && reader.GetAttribute("about", RdfNamespace) is { } about &&
                Uri.TryCreate(about, UriKind.Absolute, out Uri? aboutUrl) && aboutUrl.Scheme is "http" or "https")
            {
                // RSS 1.0: the item's rdf:about is its URL, the fallback when it has no <link>.
                entry.About = aboutUrl;
            }

            int depth = reader.Depth;
            if (reader.IsEmptyElement)
            {
                reader.Read();
                Emit(entry);
                return;
            }

            _current = entry;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (kind == EntryKind.FeedItem)
                {
                    ReadFeedChild(reader, entry, WithBase(baseUrl, reader));
                }
                else
                {
                    ReadSitemapChild(reader, entry, WithBase(baseUrl, reader));
                }
            }

            // On the entry's end tag.
            reader.Read();
            _current = null;
            Emit(entry);
        }

        private static void ReadFeedChild(XmlReader reader, Entry entry, Uri baseUrl)
        {
            switch (reader.LocalName)
            {
                case "link":
                    if (reader.GetAttribute("href") is { } href)
                    {
                        // Atom (and atom:link in RSS): rel defaults to alternate; self, enclosure, replies... are not the page.
                        string rel = reader.GetAttribute("rel")?.Trim() ?? "alternate";
                        if (rel.Equals("alternate", StringComparison.OrdinalIgnoreCase) ||
                            rel.Equals("http://www.iana.org/assignments/relation/alternate", StringComparison.Ordinal))
                        {
                            entry.Alternate ??= Resolve(baseUrl, href);
                        }

                        reader.Skip();
                    }
                    else
                    {
                        // An empty <link></link> is no link: the guid may still give one. The element is read whatever
                        // the entry holds already ("??=" with the read on its right would not advance: issue 10, item 2).
                        string text = ReadText(reader);
                        entry.Link ??= Resolve(baseUrl, text);
                    }

                    break;
                case "guid":
                    string? permaLink = reader.GetAttribute("isPermaLink")?.Trim();
                    string guid = ReadText(reader);
                    if (permaLink is null)
                    {
                        // RSS 2.0: isPermaLink defaults to true, but only an absolute URL is taken on that default.
                        if (Uri.TryCreate(guid.Trim(), UriKind.Absolute, out Uri? absolute) && absolute.Scheme is "http" or "https")
                        {
                            entry.Guid ??= absolute;
                        }
                    }
                    else if (permaLink.Equals("true", StringComparison.OrdinalIgnoreCase))
                    {
                        entry.Guid ??= Resolve(baseUrl, guid);
                    }

                    break;
                case "pubDate" or "published" or "issued" or "date" or "created":
                    // RSS pubDate, Atom published (0.3: issued, created), Dublin Core date (RSS 1.0).
                    string published = ReadText(reader);
                    entry.Published ??= DateParser.ParseFeedDate(published);
                    break;
                case "updated" or "modified":
                    string updated = ReadText(reader);
                    entry.Updated ??= DateParser.ParseFeedDate(updated);
                    break;
                default:
                    // Atom <source> (another feed's links), <image>, <enclosure>, media and content: not the entry's link.
                    reader.Skip();
                    break;
            }
        }

        private static void ReadSitemapChild(XmlReader reader, Entry entry, Uri baseUrl)
        {
            if (IsExtension(reader.NamespaceURI))
            {
                if (reader.LocalName == "news" && !reader.IsEmptyElement)
                {
                    ReadNews(reader, entry);
                }
                else
                {
                    reader.Skip();
                }

                return;
            }

            switch (reader.LocalName)
            {
                case "loc":
                    // Any namespace but the extensions': 0.9 over http or https, Google's legacy 0.84, none at all.
                    // Kept as text: the URL is built only if the link is wanted (most of a huge sitemap is not).
                    string loc = ReadText(reader);
                    if (entry.LocText is null && !string.IsNullOrWhiteSpace(loc))
                    {
                        entry.LocText = loc;
                        entry.LocBase = baseUrl;
                    }

                    break;
                case "lastmod":
                    string lastmod = ReadText(reader);
                    entry.Updated ??= DateParser.ParseFeedDate(lastmod);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        private static void ReadNews(XmlReader reader, Entry entry)
        {
            int depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "publication_date")
                {
                    string published = ReadText(reader);
                    entry.Published ??= DateParser.ParseFeedDate(published);
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }

            reader.Read();
        }

        /// <summary>The text of the element the reader is on (child elements' text included); leaves it after the end tag.</summary>
        private static string ReadText(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return string.Empty;
            }

            int depth = reader.Depth;
            string? first = null;
            StringBuilder? more = null;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    // One text node is the usual case: no builder for it.
                    if (first is null)
                    {
                        first = reader.Value;
                    }
                    else if ((more ??= new StringBuilder(first)).Length < 8192)
                    {
                        more.Append(reader.Value);
                    }
                }

                reader.Read();
            }

            // On the end tag.
            reader.Read();
            return more?.ToString() ?? first ?? string.Empty;
        }

        private static Uri WithBase(Uri baseUrl, XmlReader reader) =>
            reader.GetAttribute("base", XmlNamespace) is { } xmlBase && Uri.TryCreate(baseUrl, xmlBase.Trim(), out Uri? resolved)
                ? resolved
                : baseUrl;

        private void Emit(Entry entry)
        {
            DateTimeOffset? date = entry.Published ?? entry.Updated;
            if (entry.Kind == EntryKind.SitemapUrl && entry.LocText is not null && _wanted?.Invoke(date) == false)
            {
                Links++;
                return;
            }

            Uri? url = entry.Kind == EntryKind.FeedItem
                ? entry.Link ?? entry.Alternate ?? entry.Guid ?? entry.About
                : entry.LocText is null ? null : Resolve(entry.LocBase!, entry.LocText);
            if (url is null)
            {
                return;
            }

            var link = new DiscoveredLink(url, date, entry.Updated);
            if (entry.Kind == EntryKind.SitemapReference)
            {
                Sitemaps++;
                _onSitemap(link);
            }
            else
            {
                Links++;
                _onLink(link);
            }
        }
    }

    /// <summary>What one entry said, kept until its end tag.</summary>
    private sealed class Entry(EntryKind kind)
    {
        public EntryKind Kind { get; } = kind;

        public Uri? Link { get; set; }

        public Uri? Alternate { get; set; }

        public Uri? Guid { get; set; }

        public Uri? About { get; set; }

        public string? LocText { get; set; }

        public Uri? LocBase { get; set; }

        public DateTimeOffset? Published { get; set; }

        public DateTimeOffset? Updated { get; set; }
    }
}
