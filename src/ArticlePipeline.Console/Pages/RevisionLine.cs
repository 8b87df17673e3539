namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>One revision of the record.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="Change"><c>created</c>, <c>updated</c> or <c>rewritten</c>.</param>
/// <param name="ManifestLine">Its manifest line, as written.</param>
internal sealed record RevisionLine(int Revision, DateTimeOffset WrittenAt, string Change, string ManifestLine);
