using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Tells list items that are text (a link that opens a sentence and goes on to explain it) from navigation.</summary>
internal static class ListProse
{
    /// <summary>Whether most items of the list are prose: a list of explained links is text, not navigation.</summary>
    public static bool MostItemsHaveProse(IElement list)
    {
        IElement[] items = [.. list.Children.Where(c => c.LocalName == "li")];
        return items.Length > 0 && items.Count(HasProse) * 2 > items.Length;
    }

    /// <summary>Whether a list item is prose: at least 25 letters (five words or so) and a third of its text outside links.</summary>
    public static bool HasProse(IElement item)
    {
        int total = DomText.NonSpace(item);
        int unlinked = total - LinkDensity.LinkedCharacters(item);
        return unlinked >= 25 && unlinked * 3 >= total;
    }
}
