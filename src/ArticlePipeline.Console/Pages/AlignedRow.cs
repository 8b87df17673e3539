namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>One row of the side-by-side view.</summary>
/// <param name="Part"><c>title</c>, <c>lead</c>, <c>block</c> (a source block) or <c>unmatched</c> (an edition block no source block matched).</param>
/// <param name="Index">The source block's index (for <c>unmatched</c>, the edition block's), or <see langword="null"/>.</param>
/// <param name="Cells">Each language's text for the row; <see langword="null"/> when it has none.</param>
internal sealed record AlignedRow(string Part, int? Index, IReadOnlyDictionary<string, string?> Cells);
