using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Dates;
using ArticlePipeline.Extraction.Html;

namespace ArticlePipeline.Extraction;

/// <summary>
/// Turns raw blocks into article parts, the same way for HTML and plain text: drops boilerplate, stops at the
/// related-news heading, and moves bylines, source lines and publisher/date lines into metadata.
/// </summary>
internal sealed partial class ArticleAssembler
{
    private readonly BoilerplateClassifier _classifier;
    private readonly IReadOnlyList<string> _dropPhrases;

    public ArticleAssembler(BoilerplateClassifier classifier, IReadOnlyList<string>? dropPhrases = null)
    {
        _classifier = classifier;
        _dropPhrases = dropPhrases ?? [];
    }

    public List<ContentBlock> Blocks { get; } = [];

    public List<string> Authors { get; } = [];

    public List<string> SourceLinks { get; } = [];

    /// <summary>Agencies, sources, photographers and translators the labelled lines name, in reading order.</summary>
    public List<Credit> Credits { get; } = [];

    public string? Publisher { get; private set; }

    public DateTimeOffset? Date { get; private set; }

    /// <summary>Classifies and keeps the article blocks of <paramref name="raw"/>.</summary>
    /// <param name="raw">Blocks in reading order.</param>
    /// <param name="plainText">Plain-text input: no layout hints, so short name-like last lines count as bylines.</param>
    public void Add(IReadOnlyList<RawBlock> raw, bool plainText)
    {
        var kept = new List<RawBlock>();
        for (int index = 0; index < raw.Count; index++)
        {
            RawBlock block = raw[index];
            LineClassification verdict = _classifier.Classify(block.Text);
            if (verdict.Kind == LineKind.AfterArticle)
            {
                break;
            }

            if (verdict.Kind == LineKind.EndOfArticle)
            {
                // A related-news box inside the body is skipped; one with no article text after it ends the body.
                if (plainText || ArticleResumesAfter(raw, index) is not { } resume)
                {
                    break;
                }

                index = resume - 1;
                continue;
            }

            switch (verdict.Kind)
            {
                case LineKind.Junk:
                    continue;
                case LineKind.Byline or LineKind.Attribution or LineKind.SourceLine or LineKind.TranslatorCredit:
                    AddAuthorsOf(verdict);
                    continue;
                case LineKind.PhotoCredit:
                    // "Ảnh: Minh Đức" under a picture is its caption: it stays as one, unless nothing but credits follows.
                    AddAuthorsOf(verdict);
                    kept.Add(block with { Kind = BlockKind.FigureCaption });
                    continue;
                case LineKind.PublisherDate:
                    Publisher ??= verdict.Value;
                    Date ??= PublicationDateParser.ParseText(verdict.Date);
                    continue;
                case LineKind.Caption:
                    kept.Add(block with { Kind = BlockKind.FigureCaption, Text = verdict.Value! });
                    continue;
            }

            if (block.Kind is BlockKind.Paragraph or BlockKind.ListItem && block.LinkDensity > 0.6)
            {
                continue;
            }

            if (_dropPhrases.Any(p => block.Text.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Slideshows repeat a caption for every view of the image (thumbnail, slide, full screen).
            if (block.Kind is BlockKind.FigureCaption or BlockKind.Paragraph && block.Text.Length <= 300 &&
                kept.Any(k => k.Kind == BlockKind.FigureCaption && k.Text == block.Text))
            {
                continue;
            }

            kept.Add(block);
        }

        // A byline is the last block of the body: short, name-like, and (in HTML) set apart by its layout. A heading
        // or a line announcing a list ("More on this topic:") with nothing after it is what the cleaning left of a box.
        while (kept.Count > 1)
        {
            if (IsTrailingByline(kept[^1], plainText))
            {
                AddAuthors(kept[^1].Text);
            }
            else if (!plainText && IsDanglingLabel(kept[^1]))
            {
                // Nothing to record: the box it introduced is gone.
            }
            else if (kept[^1].Kind == BlockKind.FigureCaption && _classifier.Classify(kept[^1].Text).Kind == LineKind.PhotoCredit)
            {
                // A photo credit among the closing credit lines, already recorded.
            }
            else
            {
                break;
            }

            kept.RemoveAt(kept.Count - 1);
        }

        // A short all-bold paragraph that does not end a sentence, with text after it, is a subheading.
        for (int i = 0; i < kept.Count - 1; i++)
        {
            if (kept[i] is { Kind: BlockKind.Paragraph, Bold: true } block && block.Text.Length <= 150 && !block.Text.EndsWith('.') && !block.Text.EndsWith(':') &&
                kept[i + 1].Kind is BlockKind.Paragraph or BlockKind.ListItem)
            {
                kept[i] = block with { Kind = BlockKind.Heading };
            }
        }

        Blocks.AddRange(kept.Select(b => new ContentBlock(b.Kind, b.Text)));
    }

    /// <summary>Removes blocks that repeat the title or the lead.</summary>
    public void RemoveRepeats(string? title, string? lead)
    {
        Blocks.RemoveAll(b => Same(b.Text, title) || Same(b.Text, lead));
        if (!string.IsNullOrEmpty(lead) && Blocks.Count > 0 && Blocks[0].Text.StartsWith(lead, StringComparison.Ordinal))
        {
            string rest = Blocks[0].Text[lead.Length..].Trim();
            if (rest.Length == 0)
            {
                Blocks.RemoveAt(0);
            }
            else
            {
                Blocks[0] = Blocks[0] with { Text = rest };
            }
        }

        RemoveLeadParagraphs(lead);
    }

    // A lead box of several paragraphs that the body's container also holds: the body's first blocks, read in a row,
    // are the whole lead.
    private void RemoveLeadParagraphs(string? lead)
    {
        if (string.IsNullOrEmpty(lead))
        {
            return;
        }

        ReadOnlySpan<char> rest = lead;
        int count = 0;
        while (count < Blocks.Count && Blocks[count].Text.Length > 0 && rest.StartsWith(Blocks[count].Text, StringComparison.Ordinal))
        {
            rest = rest[Blocks[count].Text.Length..].TrimStart();
            count++;
        }

        if (count > 1 && rest.IsEmpty)
        {
            Blocks.RemoveRange(0, count);
        }
    }

    /// <summary>Adds the author(s) a byline element names (<c>By Jane Doe</c>, <c>Tác giả: Minh Đức</c>), or the credit it gives (<c>Theo TTXVN</c>).</summary>
    public void AddByline(string text)
    {
        if (AddAuthorsOf(_classifier.Classify(text)))
        {
            return;
        }

        string name = ByPrefix().Replace(text, string.Empty).Trim();
        if (name.Length is > 0 and <= 60 && !name.Any(char.IsDigit))
        {
            AddAuthors(name);
        }
    }

    // A byline line names one or more authors; a labelled credit line ("Theo TTXVN", "Ảnh: Minh Đức") one credit.
    private bool AddAuthorsOf(LineClassification verdict)
    {
        switch (verdict.Kind)
        {
            case LineKind.Byline:
                AddAuthors(verdict.Value!);
                return true;
            case LineKind.Attribution:
                Credits.Add(new Credit(verdict.Value!, CreditKind.Agency));
                return true;
            case LineKind.SourceLine:
                // A URL is also a source link; a bare "Источник" line names nothing.
                if (verdict.Value is { } source)
                {
                    if (Uri.TryCreate(source, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https")
                    {
                        SourceLinks.Add(source);
                    }

                    Credits.Add(new Credit(source, CreditKind.Source));
                }

                return true;
            case LineKind.PhotoCredit:
                Credits.Add(new Credit(verdict.Value!, CreditKind.Photo));
                return true;
            case LineKind.TranslatorCredit:
                Credits.Add(new Credit(verdict.Value!, CreditKind.Translator));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Adds the authors a byline names, split at commas and "and"; a credit in brackets after them
    /// (<c>Quang Minh (theo Healthline)</c>) is recorded as a credit, not kept in the name.
    /// </summary>
    public void AddAuthors(string names)
    {
        if (CreditInBrackets().Match(names) is { Success: true } bracket)
        {
            string label = bracket.Groups["label"].Value.ToLowerInvariant();
            CreditKind kind = label is "nguồn" or "source" or "sursa" or "sursă" or "источник" or "джерело" ? CreditKind.Source : CreditKind.Agency;
            Credits.Add(new Credit(bracket.Groups["name"].Value.Trim(), kind));
            names = names[..bracket.Index];
        }

        foreach (string name in AuthorSeparator().Split(names))
        {
            string trimmed = TrimUnbalanced(name.Trim().TrimEnd('.').Trim());
            if (trimmed.Length > 0 && !Authors.Contains(trimmed, StringComparer.Ordinal))
            {
                Authors.Add(trimmed);
            }
        }
    }

    // "(Quang Minh)" loses its brackets; "Quang Minh (theo Healthline)" keeps them.
    private static string TrimUnbalanced(string name)
    {
        if (name.StartsWith('(') && name.EndsWith(')'))
        {
            return name[1..^1].Trim();
        }

        int open = name.Count(c => c == '('), close = name.Count(c => c == ')');
        return open == close ? name : name.Trim('(', ')', ' ');
    }

    private static bool Same(string text, string? other) =>
        !string.IsNullOrEmpty(other) && string.Equals(text, other, StringComparison.OrdinalIgnoreCase);

    // The index of the first article paragraph after a related-news box that starts at raw[marker], or null when
    // the box is followed by no more article text (at least two prose paragraphs) and so ends the article.
    private int? ArticleResumesAfter(IReadOnlyList<RawBlock> raw, int marker)
    {
        const int maxBoxBlocks = 15;
        int next = marker + 1;
        while (next < raw.Count && next - marker <= maxBoxBlocks && !IsProse(raw[next]))
        {
            next++;
        }

        if (next >= raw.Count || !IsProse(raw[next]))
        {
            return null;
        }

        int prose = 0;
        for (int i = next; i < raw.Count && prose < 2; i++)
        {
            LineClassification verdict = _classifier.Classify(raw[i].Text);
            if (verdict.Kind is LineKind.EndOfArticle or LineKind.AfterArticle)
            {
                break;
            }

            prose += IsProse(raw[i]) && verdict.Kind == LineKind.Content ? 1 : 0;
        }

        return prose >= 2 ? next : null;
    }

    // A paragraph of running text: long, few links. Teasers in a related box are links or short lines.
    private static bool IsProse(RawBlock block) =>
        block.Kind is BlockKind.Paragraph or BlockKind.Quote && block.Text.Length >= 100 && block.LinkDensity < 0.2;

    // A heading, or a label of a few words ending with a colon ("Mehr Themen:"), not a sentence announcing a video.
    private static bool IsDanglingLabel(RawBlock block) =>
        block.Kind == BlockKind.Heading ||
        (block.Kind == BlockKind.Paragraph && block.Text.Length <= 60 && block.Text.EndsWith(':') && block.Text.Count(c => c == ' ') < 5);

    private static bool IsTrailingByline(RawBlock block, bool plainText)
    {
        // "H.A (Theo Readers Digest)": a name with the source it translated or took the article from.
        string text = SourceInBrackets().Replace(block.Text, string.Empty);
        if (block.Kind != BlockKind.Paragraph || text.Length > 50 || NameLike().IsMatch(text) is false)
        {
            return false;
        }

        int words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words <= 7 && (plainText || block.BylineHint || block.Bold || block.Text.Length <= 24);
    }

    // Names: letters, spaces, dashes, commas and "và"; no sentence punctuation and no digits.
    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} .,&\-–]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NameLike();

    [GeneratedRegex(@"\s*\((?:theo|nguồn|dịch|lược dịch|tổng hợp|source|via|по|за|după)\b[^()]{0,60}\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SourceInBrackets();

    // "(theo Healthline)", "(Nguồn: VnExpress)", "(по данным ТАСС)" closing a byline: the outlet the text comes from.
    [GeneratedRegex(@"\s*\((?<label>theo|nguồn|source|via|по данным|за даними|potrivit|după|sursa|sursă|источник|джерело)\s*:?\s+(?<name>[^()]{2,60})\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CreditInBrackets();

    [GeneratedRegex(@"^(?:by|bởi|von|par|por|автор)\s*:?\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"\s+[-–]\s+|\s*,\s*|\s+và\s+|\s+and\s+|\s+и\s+|\s+și\s+", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorSeparator();
}
