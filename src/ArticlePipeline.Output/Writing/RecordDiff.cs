using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>What differs between two revisions of a record, as the manifest reports it. Pure.</summary>
internal static class RecordDiff
{
    public static ImmutableArray<string> Changes(ArticleRecord before, ArticleRecord after)
    {
        var changes = ImmutableArray.CreateBuilder<string>();
        Check(changes, "url", before.Url, after.Url);
        Check(changes, "source", before.Source, after.Source);
        Check(changes, "publisher", before.Publisher, after.Publisher);
        Check(changes, "publishedAt", before.PublishedAt, after.PublishedAt);
        Check(changes, "authors", string.Join('\n', before.Authors), string.Join('\n', after.Authors));
        Check(changes, "sourceLanguage", before.SourceLanguage, after.SourceLanguage);
        bool sameText = before.Languages.TryGetValue(before.SourceLanguage, out LanguageVersion? oldText) &&
            after.Languages.TryGetValue(after.SourceLanguage, out LanguageVersion? newText) && SameLanguage(oldText, newText);
        if (before.ContentHash != after.ContentHash || !sameText)
        {
            changes.Add("content");
        }

        Check(changes, "images", string.Join('\n', before.Images), string.Join('\n', after.Images));
        Check(changes, "tags", string.Join('\n', before.Tags), string.Join('\n', after.Tags));
        Check(changes, "sourceLinks", string.Join('\n', before.SourceLinks), string.Join('\n', after.SourceLinks));
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

    private static bool SameLanguage(LanguageVersion? a, LanguageVersion? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.Status == b.Status && a.Reason == b.Reason &&
            a.Content?.Title == b.Content?.Title && a.Content?.Lead == b.Content?.Lead &&
            (a.Content?.Blocks ?? []).SequenceEqual(b.Content?.Blocks ?? []) &&
            a.Provenance?.Provider == b.Provenance?.Provider &&
            a.Provenance?.Extractor == b.Provenance?.Extractor && a.Provenance?.Profile == b.Provenance?.Profile;
    }
}
