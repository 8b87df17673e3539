using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticlePipeline.Extraction.Html;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>The visible text of an HTML fragment, with a line break at every block boundary so words never run together.</summary>
public static class HtmlText
{
    // The extractor's block elements, plus line breaks and table captions, which the gold text also breaks at.
    private static readonly HashSet<string> Blocks = new([.. BlockElements.Names, "br", "caption"], StringComparer.Ordinal);

    /// <summary>The text of <paramref name="html"/>; scripts, styles and templates are skipped.</summary>
    /// <param name="html">A page or a fragment.</param>
    /// <returns>The text, one line per block.</returns>
    public static string Of(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        var text = new StringBuilder();
        Append(document.Body ?? document.DocumentElement, text);
        return text.ToString();
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (INode child in node.ChildNodes)
        {
            if (child is IText t)
            {
                text.Append(t.Data);
            }
            else if (child is IElement element && element.LocalName is not ("script" or "style" or "template" or "noscript"))
            {
                bool block = Blocks.Contains(element.LocalName);
                if (block)
                {
                    text.Append('\n');
                }

                Append(element, text);
                if (block)
                {
                    text.Append('\n');
                }
            }
        }
    }
}
