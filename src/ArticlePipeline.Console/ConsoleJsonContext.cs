using System.Text.Json;
using System.Text.Json.Serialization;
using ArticlePipeline.OperatorConsole.Pages;

namespace ArticlePipeline.OperatorConsole;

/// <summary>Source-generated JSON of the pages (<c>Accept: application/json</c>): camelCase, nulls kept so scripts see every field.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SourcesView))]
[JsonSerializable(typeof(TranslationView))]
[JsonSerializable(typeof(RecordsView))]
[JsonSerializable(typeof(ArticleView))]
[JsonSerializable(typeof(ConsoleError))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
