namespace ArticlePipeline.Crawling.Fetching;

/// <summary>What reading a body under its cap gave.</summary>
/// <param name="Bytes">
/// The body; when it passed the cap, its first bytes up to the cap if they were asked for, else <see langword="null"/>.
/// </param>
/// <param name="OverLimit">Whether the body passed the cap (the rest was not read).</param>
internal readonly record struct ResponseBody(byte[]? Bytes, bool OverLimit);
