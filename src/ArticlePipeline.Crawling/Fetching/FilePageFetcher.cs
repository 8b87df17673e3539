using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>Reads <c>file://</c> URLs, when configuration allows them (the offline sample).</summary>
internal static class FilePageFetcher
{
    public static async Task<FetchOutcome> FetchAsync(Uri url, FetchPurpose purpose, int maxBytes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string path = url.LocalPath;
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, "index.html");
        }

        if (!File.Exists(path))
        {
            return FetchOutcome.Failed(url, "not-found", $"file not found: {path}");
        }

        string contentType = ContentTypes.ForFile(path);
        if (!ContentTypes.IsAcceptable(contentType.Split(';')[0], purpose))
        {
            return FetchOutcome.Failed(url, "content-type", $"not a page: {path} ({contentType})");
        }

        var info = new FileInfo(path);
        if (info.Length > maxBytes)
        {
            return FetchOutcome.Failed(url, "too-large", $"{path} is {info.Length} bytes, over the {maxBytes}-byte limit");
        }

        byte[] body = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var page = new FetchedPage(new PageContent(new Uri(path), body, contentType), 200, null, null, now);
        return FetchOutcome.Fetched(url, page);
    }
}
