namespace ArticlePipeline.Core.Model;

/// <summary>What the sink did with a record.</summary>
/// <param name="Path">Where the record is (the slot's location: the record file's full path for the JSON sink).</param>
/// <param name="Written">Whether the file was (re)written; false when the content was unchanged.</param>
/// <param name="Revision">The record's revision on disk.</param>
public sealed record WriteResult(string Path, bool Written, int Revision);
