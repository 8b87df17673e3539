namespace ArticlePipeline.Core.Model;

/// <summary>An image of the article with its caption.</summary>
/// <param name="Url">Absolute URL of the image.</param>
/// <param name="Caption">The caption shown with it, if any.</param>
public sealed record ArticleImage(string Url, string? Caption)
{
    /// <summary>The photographer or agency the image is credited to, if the page names one.</summary>
    public string? Credit { get; init; }
}
