namespace ArticlePipeline.State.Operations;

/// <summary>A search of the record catalog.</summary>
/// <param name="Text">Matched in titles and URLs (part of), or a source id (whole); <see langword="null"/> for all.</param>
/// <param name="SourceId">Only this source; <see langword="null"/> for all.</param>
/// <param name="Offset">Entries skipped.</param>
/// <param name="Limit">Entries returned at most.</param>
public sealed record RecordQuery(string? Text, string? SourceId, int Offset, int Limit);
