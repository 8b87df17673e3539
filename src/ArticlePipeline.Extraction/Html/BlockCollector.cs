using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Walks a body container in document order and emits typed blocks and images.</summary>
internal sealed partial class BlockCollector
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "li", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "thead", "tbody", "tr",
        "td", "th", "pre", "hr", "center", "address",
    };

    private readonly Uri _baseUrl;
    private readonly List<RawBlock> _blocks = [];
    private readonly List<ArticleImage> _images = [];
    private readonly StringBuilder _inline = new();
    private bool _pendingBreak;
    private bool _inlineBold;
    private bool _inlineUnbold;
    private bool _inlineItalic;
    private bool _inlineUnitalic;
    private bool _inlineImage;
    private bool _afterImage;

    private BlockCollector(Uri baseUrl) => _baseUrl = baseUrl;

    /// <summary>Collects the blocks and images of <paramref name="container"/>.</summary>
    public static (List<RawBlock> Blocks, List<ArticleImage> Images) Collect(IElement container, Uri baseUrl)
    {
        var collector = new BlockCollector(baseUrl);
        collector.Walk(container);
        collector.Flush(container);
        return (collector._blocks, collector._images);
    }

    /// <summary>Resolves an image's URL from <c>src</c> or a lazy-loading attribute.</summary>
    public static string? ImageUrl(IElement img, Uri baseUrl)
    {
        foreach (string attribute in new[] { "data-src", "data-original", "data-lazy-src", "data-srcset", "src" })
        {
            string? value = img.GetAttribute(attribute)?.Trim();
            if (string.IsNullOrEmpty(value) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            value = value.Split(' ', 2)[0];
            if (Uri.TryCreate(baseUrl, value, out Uri? url))
            {
                return url.AbsoluteUri;
            }
        }

        return null;
    }

    private void Walk(IElement element)
    {
        foreach (INode node in element.ChildNodes)
        {
            if (node is IText text)
            {
                AppendInline(text.Data, node.ParentElement);
                continue;
            }

            if (node is not IElement child || IsHidden(child))
            {
                continue;
            }

            switch (child.LocalName)
            {
                case "br":
                    if (_pendingBreak)
                    {
                        Flush(element);
                    }
                    else
                    {
                        _pendingBreak = true;
                    }

                    continue;
                case "img":
                    AddImage(child, null);
                    _inlineImage = true;
                    continue;
                case "p" or "div" or "section" or "article" or "center" or "main" or "address" or "dd" or "dt":
                    Flush(element);
                    if (DomPatterns.IsUnlikely(child))
                    {
                        continue;
                    }

                    if (DomPatterns.IsCaptionLike(child) && !HasBlockChildren(child))
                    {
                        AddBlock(BlockKind.FigureCaption, child.TextContent, child);
                        continue;
                    }

                    Walk(child);
                    Flush(child);
                    continue;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Flush(element);
                    AddBlock(BlockKind.Heading, child.TextContent, child);
                    continue;
                case "ul" or "ol":
                    Flush(element);
                    if (!DomPatterns.IsUnlikely(child) && ContentScorer.LinkDensity(child) < 0.5)
                    {
                        foreach (IElement item in child.Children.Where(c => c.LocalName == "li"))
                        {
                            AddBlock(BlockKind.ListItem, item.TextContent, item);
                        }
                    }

                    continue;
                case "blockquote":
                    Flush(element);
                    AddQuote(child);
                    continue;
                case "figure":
                    Flush(element);
                    AddFigure(child);
                    continue;
                case "table":
                    Flush(element);
                    AddTable(child);
                    continue;
                case "figcaption":
                    Flush(element);
                    AddBlock(BlockKind.FigureCaption, child.TextContent, child);
                    continue;
                case "aside" or "footer" or "header" or "hr":
                    Flush(element);
                    continue;
                default:
                    if (BlockTags.Contains(child.LocalName))
                    {
                        Flush(element);
                        Walk(child);
                        Flush(child);
                    }
                    else
                    {
                        Walk(child);
                    }

                    continue;
            }
        }
    }

    private void AppendInline(string text, IElement? parent)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (_inline.Length > 0 && text.Length > 0)
            {
                _inline.Append(' ');
            }

            return;
        }

        if (_pendingBreak)
        {
            _inline.Append(' ');
            _pendingBreak = false;
        }

        bool bold = parent?.Closest("strong, b") is not null;
        _inlineBold |= bold;
        _inlineUnbold |= !bold;
        bool italic = parent?.Closest("em, i") is not null;
        _inlineItalic |= italic;
        _inlineUnitalic |= !italic;
        _inline.Append(text);
    }

    private void Flush(IElement context)
    {
        _pendingBreak = false;
        string text = TextNormalizer.Normalize(_inline.ToString());
        bool allBold = _inlineBold && !_inlineUnbold;
        bool allItalic = _inlineItalic && !_inlineUnitalic;
        bool withImage = _inlineImage;
        _inline.Clear();
        _inlineBold = _inlineUnbold = _inlineItalic = _inlineUnitalic = _inlineImage = false;
        if (text.Length == 0)
        {
            return;
        }

        // Captions CMS editors write as paragraphs: text beside the image in one paragraph, an all-italic line
        // right under an image, or a short line ending with the photo credit ("Ảnh: ...").
        if (text.Length <= 300 && (withImage || (allItalic && _afterImage) || PhotoCredit().IsMatch(text)))
        {
            if (_images.Count > 0 && _images[^1].Caption is null && (withImage || _afterImage))
            {
                _images[^1] = _images[^1] with { Caption = text };
            }

            _afterImage = false;
            _blocks.Add(new RawBlock(BlockKind.FigureCaption, text));
            return;
        }

        _afterImage = false;
        bool byline = IsRightAligned(context) || DomPatterns.IsAuthorLike(context);
        double linkDensity = LinkedShare(context, text);
        _blocks.Add(new RawBlock(BlockKind.Paragraph, text, linkDensity, allBold, byline));
    }

    private void AddBlock(BlockKind kind, string text, IElement element)
    {
        string normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return;
        }

        bool byline = IsRightAligned(element) || DomPatterns.IsAuthorLike(element);
        bool bold = element.QuerySelector("strong, b") is { } strong && TextNormalizer.Normalize(strong.TextContent).Length >= normalized.Length - 1;
        _blocks.Add(new RawBlock(kind, normalized, ContentScorer.LinkDensity(element), bold, byline));
    }

    private void AddQuote(IElement quote)
    {
        IElement[] paragraphs = quote.QuerySelectorAll("p").ToArray();
        if (paragraphs.Length == 0)
        {
            AddBlock(BlockKind.Quote, quote.TextContent, quote);
            return;
        }

        foreach (IElement paragraph in paragraphs)
        {
            AddBlock(BlockKind.Quote, paragraph.TextContent, paragraph);
        }
    }

    private void AddFigure(IElement figure)
    {
        IElement? caption = figure.QuerySelector("figcaption") ?? figure.QuerySelectorAll("*").FirstOrDefault(DomPatterns.IsCaptionLike);
        string? captionText = caption is null ? null : TextNormalizer.Normalize(caption.TextContent);
        IElement? img = figure.QuerySelector("img");
        if (img is not null)
        {
            AddImage(img, captionText);
        }

        if (!string.IsNullOrEmpty(captionText))
        {
            AddBlock(BlockKind.FigureCaption, captionText, caption!);
        }
    }

    private void AddTable(IElement table)
    {
        IElement[] images = table.QuerySelectorAll("img").ToArray();
        if (images.Length > 0 && DomText.Length(table) <= 400)
        {
            // An image table: the cells without an image are its caption.
            string caption = TextNormalizer.Normalize(string.Join(' ', table.QuerySelectorAll("td, th")
                .Where(td => td.QuerySelector("img, table") is null)
                .Select(td => td.TextContent)));
            if (caption.Length <= 400)
            {
                foreach (IElement img in images)
                {
                    AddImage(img, caption.Length == 0 ? null : caption);
                }

                if (caption.Length > 0)
                {
                    AddBlock(BlockKind.FigureCaption, caption, table);
                }

                return;
            }
        }

        if (table.QuerySelector("p, table, div > div") is not null)
        {
            // A layout table: its cells hold ordinary blocks.
            foreach (IElement cell in table.QuerySelectorAll("td, th").Where(c => c.ParentElement?.Closest("table") == table))
            {
                Walk(cell);
                Flush(cell);
            }

            return;
        }

        foreach (IElement row in table.QuerySelectorAll("tr"))
        {
            string[] cells = row.Children
                .Where(c => c.LocalName is "td" or "th")
                .Select(c => TextNormalizer.Normalize(c.TextContent))
                .ToArray();
            if (cells.Any(c => c.Length > 0))
            {
                AddBlock(BlockKind.TableRow, string.Join(" | ", cells), row);
            }
        }
    }

    private void AddImage(IElement img, string? caption)
    {
        string? url = ImageUrl(img, _baseUrl);
        if (url is not null && !_images.Any(i => i.Url == url))
        {
            _images.Add(new ArticleImage(url, caption));
            _afterImage = caption is null;
        }
    }

    // The share of a flushed run of inline text that was link text, measured on the element that held it.
    private static double LinkedShare(IElement context, string text)
    {
        if (context.LocalName != "p" && context.Children.Any(c => BlockTags.Contains(c.LocalName)))
        {
            return 0;
        }

        int linked = context.QuerySelectorAll("a").Sum(a => ContentScorer.CountNonSpace(a.TextContent));
        return Math.Min(1, (double)linked / Math.Max(1, ContentScorer.CountNonSpace(text)));
    }

    private static bool HasBlockChildren(IElement element) => element.Children.Any(c => BlockTags.Contains(c.LocalName));

    private static bool IsHidden(IElement element)
    {
        string? style = element.GetAttribute("style");
        return element.HasAttribute("hidden") ||
            (style is not null && (style.Contains("display:none", StringComparison.OrdinalIgnoreCase) ||
                                   style.Contains("display: none", StringComparison.OrdinalIgnoreCase)));
    }

    private static bool IsRightAligned(IElement element)
    {
        for (IElement? e = element; e is not null; e = e.ParentElement)
        {
            string? style = e.GetAttribute("style");
            if ((style is not null && style.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("text-align:right", StringComparison.OrdinalIgnoreCase)) ||
                string.Equals(e.GetAttribute("align"), "right", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (e.LocalName is not ("strong" or "b" or "em" or "i" or "span" or "p"))
            {
                return false;
            }
        }

        return false;
    }

    // A photo credit closing a short line: "... (Ảnh: Minh Quyết/TTXVN)", "... Ảnh: PV", "Фото: ...".
    [GeneratedRegex(@"(?:^|[\s.(\-–—])(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Ảnh tư liệu|Photo|Фото|Foto|ภาพ)\s*:\s*[^.:;!?]{1,60}\)?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCredit();
}
