using System.Collections.Immutable;

namespace ArticlePipeline.Core.Editions;

/// <summary>
/// One bead of an alignment between an article's blocks and its edition's: the source blocks and the edition blocks
/// that say the same thing. A block with no counterpart has an empty list on the other side and confidence 0.
/// </summary>
/// <param name="Source">Indices into the source's <c>Blocks</c>, ascending (zero, one or two).</param>
/// <param name="Edition">Indices into the edition's <c>Blocks</c>, ascending (zero, one or two).</param>
/// <param name="Confidence">How well the two sides match, in [0, 1] (length agreement, shared numbers and names); 0 for an unmatched block.</param>
public sealed record BlockAlignment(ImmutableArray<int> Source, ImmutableArray<int> Edition, double Confidence);
