using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ArticlePipeline.Translation.Client;

/// <summary>Source-generated JSON metadata for the Translator request and response bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<InputTextItem>))]
[JsonSerializable(typeof(IReadOnlyList<TranslatedTextItem>))]
internal sealed partial class TranslatorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used on the wire: non-ASCII letters (Vietnamese, Cyrillic, Thai) go out as raw UTF-8 instead of
    /// six-byte <c>\uXXXX</c> escapes; HTML-sensitive characters are still escaped.
    /// </summary>
    public static TranslatorJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });
}
