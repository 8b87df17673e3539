namespace ArticlePipeline.Crawling.Discovery;

/// <summary>What reading one feed or sitemap gave.</summary>
/// <param name="Links">Article links handed over.</param>
/// <param name="Sitemaps">Nested sitemaps handed over (a sitemap index).</param>
/// <param name="BytesRead">Bytes read, after decompression.</param>
/// <param name="Repairs">Bare ampersands, HTML entities and control characters repaired on the way.</param>
/// <param name="Error">Why reading ended before the end of the document (the links before it are kept), or <see langword="null"/>.</param>
/// <param name="Truncated">Whether the document was longer than the cap and cut.</param>
internal sealed record FeedReadResult(int Links, int Sitemaps, long BytesRead, int Repairs, string? Error, bool Truncated);
