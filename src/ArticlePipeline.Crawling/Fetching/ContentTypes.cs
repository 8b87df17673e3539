namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The media types each fetch purpose accepts, and the type of a local file.</summary>
internal static class ContentTypes
{
    public static bool IsAcceptable(string? mediaType, Core.Model.FetchPurpose purpose)
    {
        // A server that names no type gets the benefit of the doubt; the extractor sniffs the bytes.
        if (string.IsNullOrEmpty(mediaType))
        {
            return true;
        }

        string type = mediaType.ToLowerInvariant();
        bool page = type is "text/html" or "application/xhtml+xml" or "text/plain";
        return purpose == Core.Model.FetchPurpose.Article
            ? page
            : page || type.EndsWith("xml", StringComparison.Ordinal) || type.Contains("xml+", StringComparison.Ordinal) ||
              type is "application/gzip" or "application/x-gzip" or "application/octet-stream";
    }

    public static bool IsHtml(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    public static string ForFile(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" or ".xhtml" => "text/html",
        ".txt" or ".text" => "text/plain; charset=utf-8",
        ".xml" or ".rss" or ".atom" => "application/xml",
        ".gz" => "application/gzip",
        _ => "application/octet-stream",
    };
}
