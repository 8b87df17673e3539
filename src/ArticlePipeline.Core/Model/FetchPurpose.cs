namespace ArticlePipeline.Core.Model;

/// <summary>What a fetched page is for, which decides the content types a fetcher accepts.</summary>
public enum FetchPurpose
{
    /// <summary>An article page: HTML or plain text.</summary>
    Article,

    /// <summary>A feed or sitemap: XML (possibly gzip) as well.</summary>
    Discovery,
}
