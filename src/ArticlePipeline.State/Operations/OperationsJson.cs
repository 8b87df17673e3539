using System.Collections.Immutable;
using System.Text.Json;
using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.State.Operations;

/// <summary>The JSON columns of the operations tables: a run's counts and a revision's language statuses.</summary>
internal static class OperationsJson
{
    public static string Write(SourceRunCounts counts) => JsonSerializer.Serialize(counts, OperationsJsonContext.Default.SourceRunCounts);

    public static SourceRunCounts ReadCounts(string json) =>
        JsonSerializer.Deserialize(json, OperationsJsonContext.Default.SourceRunCounts)
        ?? throw new JsonException("a source run's counts are null");

    /// <summary>A stored run: its columns, with the articles still to come in worked out from those queued and done.</summary>
    public static SourceRun Run(string sourceId, DateTimeOffset startedAt, long durationMs, string counts, Guid? runId, int queued, int done) =>
        new(sourceId, startedAt, TimeSpan.FromMilliseconds(durationMs), ReadCounts(counts))
        {
            RunId = runId,
            Queued = queued,
            Pending = Math.Max(0, queued - done),
        };

    public static string Write(ImmutableSortedDictionary<string, string> languages) =>
        JsonSerializer.Serialize(languages, OperationsJsonContext.Default.ImmutableSortedDictionaryStringString);

    public static ImmutableSortedDictionary<string, string> ReadLanguages(string json) =>
        JsonSerializer.Deserialize(json, OperationsJsonContext.Default.ImmutableSortedDictionaryStringString)
        ?? ImmutableSortedDictionary<string, string>.Empty;
}
