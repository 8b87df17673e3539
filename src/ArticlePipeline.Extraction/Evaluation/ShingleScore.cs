namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>The shingle precision and recall of one page's body text.</summary>
/// <param name="Precision">Share of the extracted shingles that the expected text has.</param>
/// <param name="Recall">Share of the expected shingles that the extraction has.</param>
public readonly record struct ShingleScore(double Precision, double Recall);
