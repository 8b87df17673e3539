using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What a box holds, counted in one walk of its descendants for the conditional cleaning's verdict.</summary>
/// <param name="Paragraphs">The <c>p</c> elements.</param>
/// <param name="Images">The <c>img</c> elements.</param>
/// <param name="ListItems">The <c>li</c> elements.</param>
/// <param name="Inputs">The <c>input</c> elements.</param>
/// <param name="Embeds">The <c>object</c>, <c>embed</c> and <c>iframe</c> elements.</param>
/// <param name="ListTextLength">The <see cref="DomText.Length"/> of every <c>ul</c> and <c>ol</c> added up, nested ones again.</param>
/// <param name="HoldsDataTable">Whether one of the <c>table</c> elements is a data table.</param>
/// <remarks>
/// The verdict asked for each of these with its own query, eight walks of every box from the innermost out; counted
/// together they cost one. Tag names compare as the queries did: exactly for tag-name lookups, ignoring case for
/// selectors.
/// </remarks>
internal readonly record struct BoxCounts(int Paragraphs, int Images, int ListItems, int Inputs, int Embeds, int ListTextLength, bool HoldsDataTable)
{
    /// <summary>Counts the descendants of <paramref name="box"/>.</summary>
    public static BoxCounts Of(IElement box, IReadOnlySet<IElement> dataTables)
    {
        int paragraphs = 0, images = 0, items = 0, inputs = 0, embeds = 0, listText = 0;
        bool dataTable = false;
        var pending = new Stack<IElement>();
        for (IElement? child = box.LastElementChild; child is not null; child = child.PreviousElementSibling)
        {
            pending.Push(child);
        }

        while (pending.Count > 0)
        {
            IElement element = pending.Pop();
            switch (element.LocalName)
            {
                case "p":
                    paragraphs++;
                    break;
                case "img":
                    images++;
                    break;
                case "li":
                    items++;
                    break;
                case "input":
                    inputs++;
                    break;
                case "table":
                    dataTable |= dataTables.Contains(element);
                    break;
            }

            string name = element.LocalName;
            if (name.Equals("ul", StringComparison.OrdinalIgnoreCase) || name.Equals("ol", StringComparison.OrdinalIgnoreCase))
            {
                listText = checked(listText + DomText.Length(element));
            }
            else if (name.Equals("object", StringComparison.OrdinalIgnoreCase) || name.Equals("embed", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("iframe", StringComparison.OrdinalIgnoreCase))
            {
                embeds++;
            }

            for (IElement? child = element.LastElementChild; child is not null; child = child.PreviousElementSibling)
            {
                pending.Push(child);
            }
        }

        return new BoxCounts(paragraphs, images, items, inputs, embeds, listText, dataTable);
    }
}
