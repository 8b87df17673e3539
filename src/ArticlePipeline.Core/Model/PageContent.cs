namespace ArticlePipeline.Core.Model;

/// <summary>A page as bytes plus what the server said about them: the input of extraction.</summary>
/// <param name="Url">The URL the bytes came from (after redirects).</param>
/// <param name="Body">The raw body.</param>
/// <param name="ContentType">The Content-Type header, if any; it may name the charset.</param>
public sealed record PageContent(Uri Url, ReadOnlyMemory<byte> Body, string? ContentType);
