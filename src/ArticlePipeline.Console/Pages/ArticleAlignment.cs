using System.Collections.Immutable;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>
/// Lays a record's languages side by side, block by block: row i holds the source language's block i and what each
/// other language has for it. A machine translation has one block per source block; an edition (publisher or
/// mirror) carries an alignment that says which of its blocks answer which source blocks, and is laid out by it.
/// </summary>
internal static class ArticleAlignment
{
    /// <summary>The columns: the source language first, then the record languages, then any other language the record holds.</summary>
    public static IReadOnlyList<string> Columns(ArticleRecord record) =>
        [record.SourceLanguage, .. record.Languages.Keys.Where(l => l != record.SourceLanguage).Order(Languages.RecordOrder)];

    /// <summary>The rows: title, lead (when any language has one), each source block, then edition blocks no source block matched.</summary>
    public static IReadOnlyList<AlignedRow> Rows(ArticleRecord record)
    {
        IReadOnlyList<string> columns = Columns(record);
        var rows = new List<AlignedRow>
        {
            new("title", null, columns.ToDictionary(l => l, l => Content(record, l)?.Title, StringComparer.Ordinal)),
        };
        if (columns.Any(l => !string.IsNullOrEmpty(Content(record, l)?.Lead)))
        {
            rows.Add(new("lead", null, columns.ToDictionary(l => l, l => Content(record, l)?.Lead, StringComparer.Ordinal)));
        }

        int count = Content(record, record.SourceLanguage)?.Blocks.Length ?? 0;
        for (int i = 0; i < count; i++)
        {
            rows.Add(new("block", i, columns.ToDictionary(l => l, l => Cell(record, l, i), StringComparer.Ordinal)));
        }

        foreach (string language in columns.Skip(1))
        {
            if (Alignment(record, language) is { } alignment && Content(record, language) is { } content)
            {
                var matched = alignment.SelectMany(static a => a.Edition).ToHashSet();
                foreach (int index in Enumerable.Range(0, content.Blocks.Length).Where(i => !matched.Contains(i)))
                {
                    rows.Add(new("unmatched", index, columns.ToDictionary(l => l, l => l == language ? content.Blocks[index].Text : null, StringComparer.Ordinal)));
                }
            }
        }

        return rows;
    }

    /// <summary>Whether <paramref name="language"/>'s blocks line up with the source's: same count, or laid out by an alignment.</summary>
    public static bool IsAligned(ArticleRecord record, string language)
    {
        int source = Content(record, record.SourceLanguage)?.Blocks.Length ?? 0;
        return Content(record, language) is not { } content || content.Blocks.Length == source || Alignment(record, language) is not null;
    }

    private static string? Cell(ArticleRecord record, string language, int index)
    {
        if (Content(record, language) is not { } content)
        {
            return null;
        }

        if (language == record.SourceLanguage || Alignment(record, language) is not { } alignment)
        {
            return index < content.Blocks.Length ? content.Blocks[index].Text : null;
        }

        // The first source block of a group shows the edition blocks that answer the group; the others say so.
        BlockAlignment? group = alignment.FirstOrDefault(a => a.Source.Contains(index));
        if (group is null)
        {
            return null;
        }

        return group.Source.Min() == index
            ? string.Join("\n", group.Edition.Where(e => e >= 0 && e < content.Blocks.Length).Select(e => content.Blocks[e].Text))
            : "↑ (joined with the block above)";
    }

    private static ImmutableArray<BlockAlignment>? Alignment(ArticleRecord record, string language) =>
        record.Languages.TryGetValue(language, out LanguageVersion? version) && version.Match is { Alignment.IsDefaultOrEmpty: false } match
            ? match.Alignment
            : null;

    private static LanguageContent? Content(ArticleRecord record, string language) =>
        record.Languages.TryGetValue(language, out LanguageVersion? version) ? version.Content : null;
}
