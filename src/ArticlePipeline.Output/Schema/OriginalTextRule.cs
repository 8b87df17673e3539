using System.Text.Json;

namespace ArticlePipeline.Output.Schema;

/// <summary>
/// The rule JSON Schema cannot say: a record carries its source language's text. The entry of
/// <c>sourceLanguage</c> must exist and hold a title, a lead or a block with text; a record whose original is empty
/// or missing (a page with no article text, or a language the record has no entry for) says nothing and is invalid.
/// </summary>
internal static class OriginalTextRule
{
    /// <summary>Checks one record's JSON.</summary>
    /// <param name="json">The record file's text.</param>
    /// <returns>One line per problem, <c>path: what</c>; empty when the original has text or the JSON is not a record.</returns>
    public static IReadOnlyList<string> Check(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // Not JSON: the schema check reports it.
            return [];
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("sourceLanguage", out JsonElement language) || language.ValueKind != JsonValueKind.String ||
                !root.TryGetProperty("languages", out JsonElement languages) || languages.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            string code = language.GetString()!;
            if (!languages.TryGetProperty(code, out JsonElement original) || original.ValueKind != JsonValueKind.Object)
            {
                return [$"$.languages: no entry for the source language '{code}': the record holds no original text"];
            }

            if (!original.TryGetProperty("content", out JsonElement content) || content.ValueKind != JsonValueKind.Object || !HasText(content))
            {
                return [$"$.languages.{code}.content: the original has no text (no title, lead or block)"];
            }

            return [];
        }
    }

    private static bool HasText(JsonElement content) =>
        IsText(content, "title") || IsText(content, "lead") ||
        (content.TryGetProperty("blocks", out JsonElement blocks) && blocks.ValueKind == JsonValueKind.Array &&
         blocks.EnumerateArray().Any(b => b.ValueKind == JsonValueKind.Object && IsText(b, "text")));

    private static bool IsText(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String &&
        !string.IsNullOrWhiteSpace(value.GetString());
}
