using System.Collections.Immutable;

namespace ArticlePipeline.Translation.Batching;

/// <summary>How a list of texts goes to the service: the requests, and how many pieces each text was cut into.</summary>
/// <param name="Batches">One entry per request, each the elements of that request in order.</param>
/// <param name="PieceCounts">Per input text, how many pieces it was sent as; 0 for empty or whitespace-only texts, which are not sent.</param>
internal sealed record TranslationPlan(ImmutableArray<ImmutableArray<TextPiece>> Batches, ImmutableArray<int> PieceCounts);
