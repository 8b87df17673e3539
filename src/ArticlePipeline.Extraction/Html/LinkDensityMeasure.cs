namespace ArticlePipeline.Extraction.Html;

/// <summary>How <see cref="LinkDensity"/> counts text.</summary>
internal enum LinkDensityMeasure
{
    /// <summary>
    /// The content finder's measure, after Readability: text length with runs of white space counted as one, links
    /// to a fragment of the same page weighing <see cref="LinkDensity.FragmentLinkWeight"/>.
    /// </summary>
    Scoring,

    /// <summary>The block collector's and the lead search's measure: characters that are not white space, every link in full.</summary>
    Characters,
}
