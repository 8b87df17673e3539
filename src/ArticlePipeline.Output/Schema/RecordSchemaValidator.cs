using NJsonSchema;
using NJsonSchema.Validation;

namespace ArticlePipeline.Output.Schema;

/// <summary>
/// Validates record JSON against the published schema (<c>schema/article-record.v1.schema.json</c>), and checks that
/// the source language's entry holds text (<see cref="OriginalTextRule"/>).
/// </summary>
public sealed class RecordSchemaValidator
{
    private const string ResourceName = "ArticlePipeline.Output.article-record.v1.schema.json";
    private static readonly Lazy<Task<RecordSchemaValidator>> Shared = new(LoadAsync);

    private readonly JsonSchema _schema;

    private RecordSchemaValidator(JsonSchema schema) => _schema = schema;

    /// <summary>The validator over the schema embedded in this assembly.</summary>
    /// <returns>The shared validator.</returns>
    public static Task<RecordSchemaValidator> GetAsync() => Shared.Value;

    /// <summary>The schema text as published.</summary>
    /// <returns>The JSON Schema document.</returns>
    public static string ReadSchemaText()
    {
        using Stream stream = typeof(RecordSchemaValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("embedded record schema is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Validates one record.</summary>
    /// <param name="json">The record file's text.</param>
    /// <returns>One line per problem, <c>path: what</c>; empty when the record is valid.</returns>
    public IReadOnlyList<string> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ICollection<ValidationError> errors;
        try
        {
            errors = _schema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return [$"$: not JSON: {ex.Message}"];
        }

        return errors.SelectMany(Flatten).Concat(OriginalTextRule.Check(json)).Distinct(StringComparer.Ordinal).ToList();
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

    private static async Task<RecordSchemaValidator> LoadAsync() =>
        new(await JsonSchema.FromJsonAsync(ReadSchemaText()).ConfigureAwait(false));
}
