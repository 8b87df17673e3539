using System.Collections.Immutable;
using System.Text.Json;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>One entry of the trafilatura evaluation set's <c>evaldata.json</c>.</summary>
/// <param name="Url">The address the page was saved from.</param>
/// <param name="File">The saved page's file name (stored as <c>pages/FILE.gz</c>).</param>
/// <param name="With">Strings that must appear in the extracted main text.</param>
/// <param name="Without">Strings that must not appear in it.</param>
public sealed record TrafilaturaGold(string Url, string File, ImmutableArray<string> With, ImmutableArray<string> Without)
{
    /// <summary>Reads <c>evaldata.json</c>: <c>{ URL: {"file": NAME, "with": [...], "without": [...]} }</c>.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The entries in file order.</returns>
    /// <exception cref="FormatException">The text is not an object of entries with a <c>file</c>.</exception>
    public static IReadOnlyList<TrafilaturaGold> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var entries = new List<TrafilaturaGold>();
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                string file = entry.Value.TryGetProperty("file", out JsonElement name) && name.ValueKind == JsonValueKind.String
                    ? name.GetString()!
                    : throw new FormatException($"entry {entry.Name}: no \"file\"");
                entries.Add(new TrafilaturaGold(entry.Name, file, Strings(entry.Value, "with"), Strings(entry.Value, "without")));
            }

            return entries;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"evaldata: {ex.Message}", ex);
        }
    }

    private static ImmutableArray<string> Strings(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
            : [];
}
