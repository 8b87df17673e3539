using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>A table that lays out images with their caption.</summary>
/// <param name="Images">The images, in order.</param>
/// <param name="Caption">The text of the cells without an image, normalized; empty when there is none.</param>
internal sealed record ImageTable(IElement[] Images, string Caption);
