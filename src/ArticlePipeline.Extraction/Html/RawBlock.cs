using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Html;

/// <summary>A block as a collector found it, with the layout hints that tell a lead or a byline.</summary>
/// <param name="Kind">Block type.</param>
/// <param name="Text">Normalized text.</param>
/// <param name="LinkDensity">Share of the text inside links.</param>
/// <param name="Bold">All of its text is bold.</param>
/// <param name="BylineHint">Right-aligned or in an author-classed element.</param>
internal sealed record RawBlock(BlockKind Kind, string Text, double LinkDensity = 0, bool Bold = false, bool BylineHint = false);
