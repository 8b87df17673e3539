namespace ArticlePipeline.Crawling.Fetching;

/// <summary>What a request fetches; it decides the Accept header, the content types accepted and the size cap.</summary>
internal enum RequestKind
{
    /// <summary>An article page: HTML or plain text, up to <see cref="NetworkOptions.MaxBodyBytes"/>.</summary>
    Article,

    /// <summary>A feed, sitemap or listing page: XML (possibly gzip) or HTML.</summary>
    Discovery,

    /// <summary>A robots.txt: any type, the first 500 KiB kept.</summary>
    Robots,
}
