using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.State.Operations;

/// <summary>Source-generated serialization of <see cref="OperationsJson"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SourceRunCounts))]
[JsonSerializable(typeof(ImmutableSortedDictionary<string, string>))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
