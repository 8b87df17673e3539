namespace ArticlePipeline.Core.Editions;

/// <summary>What <see cref="EditionCheck"/> measured when comparing an article with a page claimed to be its translation.</summary>
/// <param name="LengthRatio">Edition characters over source characters (title, lead and blocks; whitespace not counted).</param>
/// <param name="SourceNumbers">Distinct normalized numbers in the source.</param>
/// <param name="EditionNumbers">Distinct normalized numbers in the edition.</param>
/// <param name="SharedNumbers">Distinct numbers found in both.</param>
/// <param name="EditionNames">Distinct Latin-script names and codes in the edition.</param>
/// <param name="SharedNames">Those of them found, diacritic-folded and case-insensitively, as words of the source.</param>
/// <param name="DaysApart">Days between the two publication times; <see langword="null"/> when either is unknown.</param>
public sealed record EditionEvidence(
    double LengthRatio,
    int SourceNumbers,
    int EditionNumbers,
    int SharedNumbers,
    int EditionNames,
    int SharedNames,
    double? DaysApart);
