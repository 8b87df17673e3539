using System.Collections.Immutable;

namespace ArticlePipeline.Translation.Batching;

/// <summary>The requests for the texts of one or more articles, and how many pieces each text was cut into.</summary>
/// <param name="Requests">The requests in sending order.</param>
/// <param name="PieceCounts">Per planned text (article, source index), the number of elements it was sent as.</param>
internal sealed record RequestPlan(
    ImmutableArray<PlannedRequest> Requests,
    ImmutableDictionary<(int Article, int SourceIndex), int> PieceCounts);
