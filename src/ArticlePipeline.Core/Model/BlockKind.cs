namespace ArticlePipeline.Core.Model;

/// <summary>The type of one body block of an article.</summary>
public enum BlockKind
{
    /// <summary>A paragraph of running text.</summary>
    Paragraph,

    /// <summary>A subheading inside the body.</summary>
    Heading,

    /// <summary>One item of a list.</summary>
    ListItem,

    /// <summary>A block quotation.</summary>
    Quote,

    /// <summary>The caption of a figure; the figure's image is listed in the record's images.</summary>
    FigureCaption,

    /// <summary>One table row, cells joined by " | ".</summary>
    TableRow,
}
