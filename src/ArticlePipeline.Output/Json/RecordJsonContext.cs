using System.Text.Json.Serialization;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Output.Json;

/// <summary>Source-generated JSON metadata for records and manifest lines.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    IndentSize = 2)]
[JsonSerializable(typeof(ArticleRecord))]
[JsonSerializable(typeof(ManifestEntry))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
