using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Where an image really is: lazy-loading attributes first, then <c>src</c>, resolved against the base URL.</summary>
internal static class ImageSource
{
    private static readonly string[] Attributes = ["data-src", "data-original", "data-lazy-src", "data-srcset", "src"];

    /// <summary>Resolves an image's URL from <c>src</c> or a lazy-loading attribute; <see langword="null"/> for none or a data URL.</summary>
    public static string? Url(IElement img, Uri baseUrl)
    {
        foreach (string attribute in Attributes)
        {
            string? value = img.GetAttribute(attribute)?.Trim();
            if (string.IsNullOrEmpty(value) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            value = value.Split(' ', 2)[0];
            if (Uri.TryCreate(baseUrl, value, out Uri? url))
            {
                return url.AbsoluteUri;
            }
        }

        return null;
    }
}
