using System.Text.Json.Serialization;

namespace ArticlePipeline.State;

/// <summary>Source-generated serialization of the pending language list.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class LanguageListJsonContext : JsonSerializerContext;
