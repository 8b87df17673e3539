using System.Collections.Immutable;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>placeholder until the aligner lands.</summary>
public static class EditionAligner
{
    /// <summary>placeholder.</summary>
    public static ImmutableArray<BlockAlignment> Align(LanguageContent source, LanguageContent edition) => [];
}
