using AngleSharp.Dom;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Walks a body container in document order and emits typed blocks and images.</summary>
internal sealed class BlockCollector
{
    private static readonly HashSet<string> BlockTags = new(BlockElements.Names, StringComparer.Ordinal);

    private readonly Uri _baseUrl;
    private readonly int _containerLength;
    private readonly bool _keepUnlikely;
    private readonly List<RawBlock> _blocks = [];
    private readonly List<ArticleImage> _images = [];
    private readonly InlineRun _inline = new();
    private bool _afterImage;

    private BlockCollector(Uri baseUrl, int containerLength, bool keepUnlikely)
    {
        _baseUrl = baseUrl;
        _containerLength = containerLength;
        _keepUnlikely = keepUnlikely;
    }

    /// <summary>Collects the blocks and images of <paramref name="container"/>.</summary>
    /// <remarks>
    /// Boxes whose class names boilerplate are skipped, unless one holds most of the container's text: page builders
    /// wrap the whole article in a <c>widget</c>. When skipping them leaves less than a quarter of the text the
    /// content finder chose, the container is read again without skipping: it never yields nothing when it has text.
    /// </remarks>
    public static CollectedBlocks Collect(IElement container, Uri baseUrl)
    {
        int length = DomText.Length(container);
        BlockCollector collector = Run(container, baseUrl, length, keepUnlikely: false);
        int kept = collector._blocks.Sum(b => b.Text.Length);
        if (length > 0 && kept < length / 4)
        {
            collector = Run(container, baseUrl, length, keepUnlikely: true);
            return new CollectedBlocks(collector._blocks, collector._images, length, kept);
        }

        return new CollectedBlocks(collector._blocks, collector._images, length, null);
    }

    private static BlockCollector Run(IElement container, Uri baseUrl, int length, bool keepUnlikely)
    {
        var collector = new BlockCollector(baseUrl, length, keepUnlikely);
        collector.Walk(container);
        collector.Flush(container);
        return collector;
    }

    private void Walk(IElement element)
    {
        foreach (INode node in element.ChildNodes)
        {
            if (node is IText text)
            {
                _inline.Append(text.Data, node.ParentElement);
                continue;
            }

            if (node is not IElement child || !Visibility.IsProbablyVisible(child))
            {
                continue;
            }

            switch (child.LocalName)
            {
                case "br":
                    if (_inline.PendingBreak)
                    {
                        Flush(element);
                    }
                    else
                    {
                        _inline.PendingBreak = true;
                    }

                    continue;
                case "img":
                    AddImage(child, null);
                    _inline.MarkImage();
                    continue;
                case "p" or "div" or "section" or "article" or "center" or "main" or "address" or "dd" or "dt":
                    Flush(element);
                    if (SkipUnlikely(child))
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
                    if (!SkipUnlikely(child) && (LinkDensity.Of(child, LinkDensityMeasure.Characters) < 0.5 || ListProse.MostItemsHaveProse(child) ||
                        ListLinks.AllLeadOffSiteOrOnPage(child, _baseUrl)))
                    {
                        foreach (IElement item in child.Children.Where(c => c.LocalName == "li"))
                        {
                            AddListItem(item);
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

    private void Flush(IElement context)
    {
        (string text, bool allBold, bool allItalic, bool withImage, double linked) = _inline.Take();
        if (text.Length == 0)
        {
            return;
        }

        if (Captions.IsCaptionLine(text, withImage, allItalic, _afterImage))
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
        bool byline = Bylines.IsHinted(context);
        double linkDensity = LinkDensity.Ratio(linked, Math.Max(1, DomText.NonSpace(text)));
        _blocks.Add(new RawBlock(BlockKind.Paragraph, text, linkDensity, allBold, byline));
    }

    private void AddBlock(BlockKind kind, string text, IElement element)
    {
        string normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return;
        }

        bool byline = Bylines.IsHinted(element);
        bool bold = IsBold(element, normalized);
        _blocks.Add(new RawBlock(kind, normalized, LinkDensity.Of(element, LinkDensityMeasure.Characters), bold, byline));
    }

    private void AddQuote(IElement quote)
    {
        IElement[] paragraphs = quote.QueryAll("p").ToArray();
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
        IElement? caption = Captions.Of(figure);
        string? captionText = caption is null ? null : TextNormalizer.Normalize(caption.TextContent);
        IElement? img = figure.QueryFirst("img");
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
        if (Tables.AsImageTable(table) is { } imageTable)
        {
            string caption = imageTable.Caption;
            foreach (IElement img in imageTable.Images)
            {
                AddImage(img, caption.Length == 0 ? null : caption);
            }

            if (caption.Length > 0)
            {
                AddBlock(BlockKind.FigureCaption, caption, table);
            }

            return;
        }

        if (Tables.IsLayout(table))
        {
            // A layout table: its cells hold ordinary blocks.
            foreach (IElement cell in Tables.OwnCells(table))
            {
                Walk(cell);
                Flush(cell);
            }

            return;
        }

        foreach ((IElement row, string text) in Tables.DataRows(table))
        {
            AddBlock(BlockKind.TableRow, text, row);
        }
    }

    private void AddImage(IElement img, string? caption)
    {
        string? url = ImageSource.Url(img, _baseUrl);
        if (url is not null && !_images.Any(i => i.Url == url))
        {
            _images.Add(new ArticleImage(url, caption));
            _afterImage = caption is null;
        }
    }

    // A boilerplate-named box is skipped unless it holds most of the container's text (a page builder's wrapper).
    private bool SkipUnlikely(IElement element) =>
        !_keepUnlikely && DomPatterns.IsUnlikely(element) && DomText.Length(element) * 2 < _containerLength;

    // A list item that opens with a (bold) link and goes on to explain it is text, not navigation.
    private void AddListItem(IElement item)
    {
        string normalized = TextNormalizer.Normalize(item.TextContent);
        if (normalized.Length == 0)
        {
            return;
        }

        bool byline = Bylines.IsHinted(item);
        bool bold = IsBold(item, normalized);
        double linkDensity = ListProse.HasProse(item) || ListLinks.AllLeadOffSiteOrOnPage(item, _baseUrl) ? 0 : LinkDensity.Of(item, LinkDensityMeasure.Characters);
        _blocks.Add(new RawBlock(BlockKind.ListItem, normalized, linkDensity, bold, byline));
    }

    // A block whose first bold span holds (nearly) all of its text.
    private static bool IsBold(IElement element, string normalized) =>
        element.QueryFirst("strong, b") is { } strong && TextNormalizer.Normalize(strong.TextContent).Length >= normalized.Length - 1;

    private static bool HasBlockChildren(IElement element) => element.Children.Any(c => BlockTags.Contains(c.LocalName));
}
