using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Output.Json;

/// <summary>
/// Record JSON: camelCase, indented, UTF-8 text as characters (Thai and Cyrillic stay readable, no <c>\u</c>
/// escapes), languages in record order, enums as camelCase strings. Same input, same bytes.
/// </summary>
public static class RecordSerializer
{
    private static readonly RecordJsonContext Context = new(CreateOptions());

    /// <summary>Serializes <paramref name="record"/> to UTF-8 bytes ending with a newline.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The file content.</returns>
    public static byte[] Serialize(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(InRecordOrder(record), Context.ArticleRecord);
        byte[] withNewline = new byte[json.Length + 1];
        json.CopyTo(withNewline, 0);
        withNewline[^1] = (byte)'\n';
        return withNewline;
    }

    /// <summary>Reads a record; <see langword="null"/> when the bytes are not a record.</summary>
    /// <param name="json">The file content.</param>
    /// <returns>The record or <see langword="null"/>.</returns>
    public static ArticleRecord? Deserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            ArticleRecord? record = JsonSerializer.Deserialize(json, Context.ArticleRecord);
            return record is null || record.Languages is null || record.Authors.IsDefault ? null : InRecordOrder(record);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Serializes a manifest line (compact, no trailing newline).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>One line of JSON.</returns>
    public static string SerializeManifestLine(ManifestEntry entry) =>
        JsonSerializer.Serialize(entry, CompactContext.ManifestEntry);

    /// <summary>Reads a manifest line; <see langword="null"/> when it is not one (a torn last line).</summary>
    /// <param name="line">One line of a manifest file.</param>
    /// <returns>The entry or <see langword="null"/>.</returns>
    public static ManifestEntry? DeserializeManifestLine(string line)
    {
        try
        {
            return string.IsNullOrWhiteSpace(line) ? null : JsonSerializer.Deserialize(line, CompactContext.ManifestEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly RecordJsonContext CompactContext = new(new JsonSerializerOptions(CreateOptions()) { WriteIndented = false });

    // A v1 record has no credits: read as an empty list, so the record is the same whichever way it was read. A
    // translation written before editions existed names no origin: it is the machine's.
    private static ArticleRecord InRecordOrder(ArticleRecord record) =>
        record with
        {
            Languages = record.Languages.WithComparers(Languages.RecordOrder).ToImmutableSortedDictionary(
                static p => p.Key,
                static p => p.Value is { Status: TranslationStatus.Translated, Origin: null } machine ? machine with { Origin = LanguageOrigin.Machine } : p.Value,
                Languages.RecordOrder),
            Credits = record.Credits.IsDefault ? [] : record.Credits,
        };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(RecordJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter<BlockKind>(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new JsonStringEnumConverter<TranslationStatus>(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new JsonStringEnumConverter<CreditKind>(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new JsonStringEnumConverter<LanguageOrigin>(JsonNamingPolicy.CamelCase));
        return options;
    }
}
