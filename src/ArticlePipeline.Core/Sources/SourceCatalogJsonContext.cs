using System.Text.Json.Serialization;

namespace ArticlePipeline.Core.Sources;

/// <summary>Source-generated JSON metadata for the sources file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SourceCatalog))]
internal sealed partial class SourceCatalogJsonContext : JsonSerializerContext;
