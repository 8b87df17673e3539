namespace ArticlePipeline.Extraction.Html;

/// <summary>A finished run of inline text (see <see cref="InlineRun"/>).</summary>
/// <param name="Text">The normalized text.</param>
/// <param name="AllBold">Whether all of the text is bold.</param>
/// <param name="AllItalic">Whether all of the text is italic.</param>
/// <param name="WithImage">Whether the run holds an image.</param>
/// <param name="Linked">How many of its characters sit in links, weighted by <see cref="LinkDensity.Weight"/>.</param>
internal readonly record struct InlineText(string Text, bool AllBold, bool AllItalic, bool WithImage, double Linked);
