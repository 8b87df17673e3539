using System.Collections.Frozen;
using System.Text.Json;
using ArticlePipeline.Core.Model;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ArticlePipeline.Output.Schema;

/// <summary>
/// Validates record JSON against the published schema of the version it says it follows
/// (<c>schema/article-record.v1.schema.json</c> or <c>schema/article-record.v2.schema.json</c>), and checks that the
/// source language's entry holds text (<see cref="OriginalTextRule"/>).
/// </summary>
public sealed class RecordSchemaValidator
{
    private static readonly Lazy<Task<RecordSchemaValidator>> Shared = new(LoadAsync);

    private readonly FrozenDictionary<int, JsonSchema> _schemas;

    private RecordSchemaValidator(FrozenDictionary<int, JsonSchema> schemas) => _schemas = schemas;

    /// <summary>The schema versions this code reads: every version it ever wrote.</summary>
    public static IReadOnlyList<int> Versions { get; } = [.. Enumerable.Range(ArticleRecord.FirstSchemaVersion, ArticleRecord.CurrentSchemaVersion - ArticleRecord.FirstSchemaVersion + 1)];

    /// <summary>The validator over the schemas embedded in this assembly.</summary>
    /// <returns>The shared validator.</returns>
    public static Task<RecordSchemaValidator> GetAsync() => Shared.Value;

    /// <summary>The schema text as published.</summary>
    /// <param name="version">The schema version; the current one when omitted.</param>
    /// <returns>The JSON Schema document.</returns>
    public static string ReadSchemaText(int version = ArticleRecord.CurrentSchemaVersion)
    {
        using Stream stream = typeof(RecordSchemaValidator).Assembly.GetManifestResourceStream($"ArticlePipeline.Output.article-record.v{version}.schema.json")
            ?? throw new ArgumentOutOfRangeException(nameof(version), version, "no record schema of this version");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Validates one record against the schema of the version it names (the current one when it names none).</summary>
    /// <param name="json">The record file's text.</param>
    /// <returns>One line per problem, <c>path: what</c>; empty when the record is valid.</returns>
    public IReadOnlyList<string> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        int version = DeclaredVersion(json) ?? ArticleRecord.CurrentSchemaVersion;
        if (!_schemas.TryGetValue(version, out JsonSchema? schema))
        {
            return [$"$.schemaVersion: {version} is not a schema version this program knows ({string.Join(", ", Versions)})"];
        }

        ICollection<ValidationError> errors;
        try
        {
            errors = schema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return [$"$: not JSON: {ex.Message}"];
        }

        return errors.SelectMany(Flatten).Concat(OriginalTextRule.Check(json)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The integer <c>schemaVersion</c> of a record, if it has one; a wrong type is left to the schema to report.</summary>
    private static int? DeclaredVersion(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("schemaVersion", out JsonElement version) &&
                version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out int value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Flatten(ValidationError error)
    {
        string where = string.IsNullOrEmpty(error.Path) ? "$" : error.Path;
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            return child.Errors.Values.SelectMany(e => e).SelectMany(Flatten);
        }

        string property = string.IsNullOrEmpty(error.Property) ? string.Empty : $" '{error.Property}'";
        return [$"{where}: {error.Kind}{property} (line {error.LineNumber})"];
    }

    private static async Task<RecordSchemaValidator> LoadAsync()
    {
        var schemas = new Dictionary<int, JsonSchema>();
        foreach (int version in Versions)
        {
            schemas[version] = await JsonSchema.FromJsonAsync(ReadSchemaText(version)).ConfigureAwait(false);
        }

        return new RecordSchemaValidator(schemas.ToFrozenDictionary());
    }
}
