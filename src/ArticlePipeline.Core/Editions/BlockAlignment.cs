using System.Collections.Immutable;

namespace ArticlePipeline.Core.Editions;

/// <summary>placeholder until the aligner lands.</summary>
public sealed record BlockAlignment(ImmutableArray<int> Source, ImmutableArray<int> Edition, double Confidence);
