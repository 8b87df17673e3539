using System.Collections.Immutable;
using System.Text.Json;

namespace ArticlePipeline.State;

/// <summary>Pending languages as a JSON array in one SQLite column (PostgreSQL stores a <c>text[]</c>).</summary>
internal static class LanguageListJson
{
    public static string Write(ImmutableArray<string> languages) =>
        JsonSerializer.Serialize(languages.ToArray(), LanguageListJsonContext.Default.StringArray);

    public static ImmutableArray<string> Read(string json) =>
        [.. JsonSerializer.Deserialize(json, LanguageListJsonContext.Default.StringArray) ?? []];
}
