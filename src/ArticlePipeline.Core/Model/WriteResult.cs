namespace ArticlePipeline.Core.Model;

/// <summary>What the sink did with a record.</summary>
/// <param name="Path">The record file's full path.</param>
/// <param name="Written">Whether the file was (re)written; false when the content was unchanged.</param>
/// <param name="Revision">The record's revision on disk.</param>
public sealed record WriteResult(string Path, bool Written, int Revision);
