using System.Text;
using AngleSharp.Dom;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// The run of inline text the block collector is gathering until a block boundary or <c>&lt;br&gt;&lt;br&gt;</c> ends it:
/// its text, its bold and italic spans, whether it holds an image and how much of it is linked.
/// </summary>
internal sealed class InlineRun
{
    private readonly StringBuilder _text = new();
    private bool _bold;
    private bool _unbold;
    private bool _italic;
    private bool _unitalic;
    private bool _image;
    private double _linked;

    /// <summary>Whether a single <c>&lt;br&gt;</c> is pending: a second one ends the run, text after it joins with a space.</summary>
    public bool PendingBreak { get; set; }

    /// <summary>Notes that the run holds an image.</summary>
    public void MarkImage() => _image = true;

    /// <summary>Appends a text node's data; <paramref name="parent"/> says whether it is linked, bold or italic.</summary>
    public void Append(string text, IElement? parent)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (_text.Length > 0 && text.Length > 0)
            {
                _text.Append(' ');
            }

            return;
        }

        if (PendingBreak)
        {
            _text.Append(' ');
            PendingBreak = false;
        }

        if (DomText.Closest(parent, "a") is { } link)
        {
            // Measured on this run alone: paragraphs separated by <br><br> share a parent but not its links.
            _linked += DomText.NonSpace(text) * LinkDensity.Weight(link);
        }

        bool bold = DomText.Closest(parent, "strong", "b") is not null;
        _bold |= bold;
        _unbold |= !bold;
        bool italic = DomText.Closest(parent, "em", "i") is not null;
        _italic |= italic;
        _unitalic |= !italic;
        _text.Append(text);
    }

    /// <summary>Ends the run: returns it and starts an empty one.</summary>
    public InlineText Take()
    {
        PendingBreak = false;
        var run = new InlineText(TextNormalizer.Normalize(_text.ToString()), _bold && !_unbold, _italic && !_unitalic, _image, _linked);
        _linked = 0;
        _text.Clear();
        _bold = _unbold = _italic = _unitalic = _image = false;
        return run;
    }
}
