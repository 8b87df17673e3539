namespace ArticlePipeline.Crawling.Fetching;

/// <summary>A content coding the fetcher asks for (<c>Accept-Encoding</c>) and decodes itself.</summary>
internal enum ContentCoding
{
    /// <summary><c>gzip</c> (or its old alias <c>x-gzip</c>), RFC 1952.</summary>
    Gzip,

    /// <summary><c>deflate</c>: zlib-wrapped as RFC 9110 says, or raw deflate as some servers send it.</summary>
    Deflate,

    /// <summary><c>br</c>, RFC 7932.</summary>
    Brotli,
}
