using System.Collections.Immutable;

namespace ArticlePipeline.State.Operations;

/// <summary>A record's catalog entry: its latest revision.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="Title">The title in the source language.</param>
/// <param name="SourceLanguage">The source language.</param>
/// <param name="Revision">The latest revision.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="Languages">Status per language.</param>
public sealed record CatalogedRecord(
    string SourceId,
    string RecordId,
    string Url,
    string Title,
    string SourceLanguage,
    int Revision,
    DateTimeOffset WrittenAt,
    ImmutableSortedDictionary<string, string> Languages);
