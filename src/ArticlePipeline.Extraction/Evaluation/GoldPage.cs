using System.Collections.Immutable;
using System.Text.Json;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>
/// What a person read on one saved page: one line of a gold file such as <c>vi-news/dev-gold.jsonl</c>.
/// <paramref name="Lead"/>, <paramref name="First"/> and <paramref name="Last"/> are prefixes of the texts, not whole texts.
/// </summary>
/// <param name="File">The page's file name, <c>host__hash.html</c>.</param>
/// <param name="Title">The headline, in full.</param>
/// <param name="Lead">The start of the lead (sapo), or <see langword="null"/> when the page has none.</param>
/// <param name="First">The start of the first body paragraph.</param>
/// <param name="Last">The start of the last body paragraph.</param>
/// <param name="Author">The author, when the page names one.</param>
/// <param name="Date">The publication time, when the page gives one.</param>
/// <param name="Junk">Texts on the page that are not the article and must not leak into title, lead or body.</param>
public sealed record GoldPage(
    string File,
    string? Title,
    string? Lead,
    string? First,
    string? Last,
    string? Author,
    DateTimeOffset? Date,
    ImmutableArray<string> Junk)
{
    /// <summary>Reads a gold file: one JSON object per line, blank lines ignored.</summary>
    /// <param name="reader">The gold file's text.</param>
    /// <returns>The pages in file order.</returns>
    /// <exception cref="FormatException">A line is not a JSON object with a <c>file</c>.</exception>
    public static IReadOnlyList<GoldPage> ReadJsonLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var pages = new List<GoldPage>();
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                pages.Add(FromJson(json.RootElement));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"gold line {number}: {ex.Message}", ex);
            }
        }

        return pages;
    }

    private static GoldPage FromJson(JsonElement root)
    {
        string file = String(root, "file") ?? throw new FormatException("no \"file\"");
        string? date = String(root, "date");
        DateTimeOffset? published = null;
        if (date is not null)
        {
            // No zone means Vietnam time, never the machine's zone.
            published = Core.Dates.DateParser.ParseIso(date) ?? throw new FormatException($"\"date\" is not ISO 8601: {date}");
        }

        ImmutableArray<string> junk = root.TryGetProperty("junk", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(j => j.ValueKind == JsonValueKind.String).Select(j => j.GetString()!)]
            : [];
        return new GoldPage(file, String(root, "title"), String(root, "lead"), String(root, "first"), String(root, "last"), String(root, "author"), published, junk);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
