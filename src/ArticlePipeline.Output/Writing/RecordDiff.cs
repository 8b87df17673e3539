using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// What differs between two revisions of a record, as the manifest reports it; no difference means the same record.
/// Pure. Every field counts except the revision, the fetch time, the fetched URL, the capture and the provenance
/// times: fetching the same article again (through another redirect, into another WARC record) is not a new revision.
/// </summary>
internal static class RecordDiff
{
    public static ImmutableArray<string> Changes(ArticleRecord before, ArticleRecord after)
    {
        var changes = ImmutableArray.CreateBuilder<string>();
        Check(changes, "id", before.Id, after.Id);
        Check(changes, "schemaVersion", before.SchemaVersion, after.SchemaVersion);
        Check(changes, "url", before.Url, after.Url);
        Check(changes, "source", before.Source, after.Source);
        Check(changes, "publisher", before.Publisher, after.Publisher);
        // The offset is written too: the same instant in another offset is another record.
        Check(changes, "publishedAt", (before.PublishedAt, before.PublishedAt?.Offset), (after.PublishedAt, after.PublishedAt?.Offset));
        Check(changes, "authors", before.Authors, after.Authors);
        Check(changes, "credits", before.Credits, after.Credits);
        Check(changes, "sourceLanguage", before.SourceLanguage, after.SourceLanguage);
        // A source language outside the record's languages has no entry on either side: that is no change.
        bool sameText = SameLanguage(
            before.Languages.GetValueOrDefault(before.SourceLanguage),
            after.Languages.GetValueOrDefault(after.SourceLanguage));
        if (before.ContentHash != after.ContentHash || !sameText)
        {
            changes.Add("content");
        }

        Check(changes, "images", before.Images, after.Images);
        Check(changes, "tags", before.Tags, after.Tags);
        Check(changes, "sourceLinks", before.SourceLinks, after.SourceLinks);
        foreach (string language in before.Languages.Keys.Union(after.Languages.Keys).Order(Languages.RecordOrder))
        {
            before.Languages.TryGetValue(language, out LanguageVersion? a);
            after.Languages.TryGetValue(language, out LanguageVersion? b);
            if (!SameLanguage(a, b))
            {
                changes.Add("languages." + language);
            }
        }

        return changes.ToImmutable();
    }

    private static void Check<T>(ImmutableArray<string>.Builder changes, string name, T a, T b)
    {
        if (!EqualityComparer<T>.Default.Equals(a, b))
        {
            changes.Add(name);
        }
    }

    private static void Check<T>(ImmutableArray<string>.Builder changes, string name, ImmutableArray<T> a, ImmutableArray<T> b)
    {
        if (!Same(a, b))
        {
            changes.Add(name);
        }
    }

    // A default array is written as an empty list: the two are the same record.
    private static bool Same<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        (a.IsDefault ? [] : a).SequenceEqual(b.IsDefault ? [] : b);

    private static LanguageOrigin? Machine(LanguageVersion version) =>
        version.Status == TranslationStatus.Translated ? LanguageOrigin.Machine : null;

    private static bool SameLanguage(LanguageVersion? a, LanguageVersion? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        // An edition's alignment and confidence follow from the two texts: only who made the text, and where, is compared.
        return a.Status == b.Status && a.Reason == b.Reason && (a.Origin ?? Machine(a)) == (b.Origin ?? Machine(b)) && a.OriginUrl == b.OriginUrl &&
            a.Content?.Title == b.Content?.Title && a.Content?.Lead == b.Content?.Lead &&
            (a.Content is null) == (b.Content is null) && Same(a.Content?.Blocks ?? [], b.Content?.Blocks ?? []) &&
            (a.Provenance is null) == (b.Provenance is null) &&
            a.Provenance?.Provider == b.Provenance?.Provider &&
            a.Provenance?.Extractor == b.Provenance?.Extractor && a.Provenance?.Profile == b.Provenance?.Profile &&
            Same(a.Provenance?.RequestIds ?? [], b.Provenance?.RequestIds ?? []);
    }
}
