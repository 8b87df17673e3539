using AngleSharp.Dom;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What a table in the body is: images with a caption, a layout of ordinary blocks, or rows of data.</summary>
internal static class Tables
{
    private const int MaxImageTableText = 400;

    /// <summary>The images and caption of a short table that holds images; <see langword="null"/> for any other table.</summary>
    public static ImageTable? AsImageTable(IElement table)
    {
        IElement[] images = table.QueryAll("img").ToArray();
        if (images.Length == 0 || DomText.Length(table) > MaxImageTableText)
        {
            return null;
        }

        // The cells without an image are the caption.
        string caption = TextNormalizer.Normalize(string.Join(' ', table.QueryAll("td, th")
            .Where(td => td.QueryFirst("img, table") is null)
            .Select(td => td.TextContent)));
        return caption.Length <= MaxImageTableText ? new ImageTable(images, caption) : null;
    }

    /// <summary>Whether the table lays out the page (its cells hold paragraphs, tables or nested boxes) rather than data.</summary>
    public static bool IsLayout(IElement table) => table.QueryFirst("p, table, div > div") is not null;

    /// <summary>The cells of the table itself, not of tables nested in it.</summary>
    public static IEnumerable<IElement> OwnCells(IElement table) =>
        table.QueryAll("td, th").Where(c => DomText.Closest(c.ParentElement, "table") == table);

    /// <summary>The rows of a data table with their cells' text joined by <c>" | "</c>, skipping rows without text.</summary>
    public static IEnumerable<(IElement Row, string Text)> DataRows(IElement table)
    {
        foreach (IElement row in table.QueryAll("tr"))
        {
            string[] cells = row.Children
                .Where(c => c.LocalName is "td" or "th")
                .Select(c => TextNormalizer.Normalize(c.TextContent))
                .ToArray();
            if (cells.Any(c => c.Length > 0))
            {
                yield return (row, string.Join(" | ", cells));
            }
        }
    }
}
