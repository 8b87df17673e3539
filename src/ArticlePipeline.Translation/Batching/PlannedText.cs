using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation.Batching;

/// <summary>A non-blank source text to plan requests for.</summary>
/// <param name="Article">The article it belongs to; texts of one article are consecutive in the planner's input.</param>
/// <param name="SourceIndex">Its index among the article's texts (title, lead, blocks).</param>
/// <param name="Text">The source text.</param>
/// <param name="Kind">How it may travel (see <see cref="TextProtector.Classify(string)"/>).</param>
internal sealed record PlannedText(int Article, int SourceIndex, string Text, SegmentKind Kind);
