using System.Collections.Immutable;

namespace ArticlePipeline.Output.Json;

/// <summary>One line of the append-only manifest: what one write changed.</summary>
/// <param name="At">When the record was written.</param>
/// <param name="Id">The record id.</param>
/// <param name="Revision">The revision written.</param>
/// <param name="SchemaVersion">The schema version of the record written; <see langword="null"/> on lines written before manifests named it (version 1).</param>
/// <param name="Path">The record's path relative to the output folder, with forward slashes.</param>
/// <param name="ContentHash">The record's content hash.</param>
/// <param name="Change"><c>created</c>, <c>updated</c> or <c>rewritten</c> (forced, nothing changed).</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="Languages">Status per language after the write.</param>
/// <param name="Changes">For <c>updated</c>: what differs from the previous revision (<c>content</c>, <c>publishedAt</c>, <c>languages.uk</c>, ...).</param>
public sealed record ManifestEntry(
    DateTimeOffset At,
    string Id,
    int Revision,
    int? SchemaVersion,
    string Path,
    string ContentHash,
    string Change,
    string Url,
    ImmutableSortedDictionary<string, string> Languages,
    ImmutableArray<string> Changes);
