using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>placeholder until the guard lands.</summary>
public static class EditionCheck
{
    /// <summary>placeholder.</summary>
    public static EditionVerdict Check(LanguageContent source, DateTimeOffset? sourcePublished, LanguageContent edition, string editionLanguage, DateTimeOffset? editionPublished) =>
        new(true, 1, null, new EditionEvidence(1, 0, 0, 0, 0, 0, null));
}

/// <summary>placeholder.</summary>
public sealed record EditionVerdict(bool Accepted, double Confidence, string? Reason, EditionEvidence Evidence);

/// <summary>placeholder.</summary>
public sealed record EditionEvidence(double LengthRatio, int SourceNumbers, int EditionNumbers, int SharedNumbers, int EditionNames, int SharedNames, double? DaysApart);
