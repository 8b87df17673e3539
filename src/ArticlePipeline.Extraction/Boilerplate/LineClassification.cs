namespace ArticlePipeline.Extraction.Boilerplate;

/// <summary>The classifier's verdict on one line, with the value it carries (a name, a URL, a caption).</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Value">For bylines the name(s), for source lines the URL, for captions the text, for publisher lines the name.</param>
/// <param name="Date">For publisher and date lines, the date text.</param>
internal readonly record struct LineClassification(LineKind Kind, string? Value = null, string? Date = null);
