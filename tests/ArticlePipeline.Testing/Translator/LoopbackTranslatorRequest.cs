namespace ArticlePipeline.Testing.Translator;

/// <summary>One request as a loopback server received it, and how it answered.</summary>
/// <param name="Sequence">1 for the first request the server received, then 2, 3...</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, e.g. <c>/translate</c>.</param>
/// <param name="QueryString">The raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Query">The decoded query pairs in order (repeated names such as <c>to</c> appear once per value).</param>
/// <param name="Headers">The request headers (names case-insensitive; repeated values joined by <c>", "</c>).</param>
/// <param name="Body">The request body as UTF-8 text.</param>
/// <param name="Texts">The <c>text</c> of each body element, when the body was a valid Translator array; else empty.</param>
/// <param name="StatusCode">The status the server answered.</param>
/// <param name="ErrorCode">The Translator error code it answered, or <see langword="null"/> on success.</param>
public sealed record LoopbackTranslatorRequest(
    int Sequence,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyList<string> Texts,
    int StatusCode,
    int? ErrorCode)
{
    /// <summary>The values of one query parameter, in order.</summary>
    /// <param name="name">The parameter name (case-insensitive, as the service treats it).</param>
    /// <returns>The values; empty when absent.</returns>
    public IReadOnlyList<string> QueryValues(string name) =>
        [.. Query.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value)];

    /// <summary>One request header.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>Its value, or <see langword="null"/> when absent.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
