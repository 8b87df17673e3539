using System.Collections.Immutable;

namespace ArticlePipeline.Core.Operations;

/// <summary>One record revision as it was written: what the console lists, searches and shows as history.</summary>
/// <param name="SourceId">The source id (the record's folder).</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Revision">The revision written.</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="Title">The title in the record's source language (empty when it has none).</param>
/// <param name="SourceLanguage">The record's source language.</param>
/// <param name="WrittenAt">When it was written (the manifest line's time).</param>
/// <param name="Change"><c>created</c>, <c>updated</c> or <c>rewritten</c>.</param>
/// <param name="Languages">Status per language after the write.</param>
/// <param name="ManifestLine">The manifest line written for it, as JSON.</param>
public sealed record RecordRevision(
    string SourceId,
    string RecordId,
    int Revision,
    string Url,
    string Title,
    string SourceLanguage,
    DateTimeOffset WrittenAt,
    string Change,
    ImmutableSortedDictionary<string, string> Languages,
    string ManifestLine);
