namespace ArticlePipeline.Core.Model;

/// <summary>A page a page names as itself in another language: an <c>hreflang</c> alternate or a language-switch link.</summary>
/// <param name="Language">The ISO 639-1 code the link claims (the primary subtag of its <c>hreflang</c>).</param>
/// <param name="Url">The absolute http(s) URL.</param>
public sealed record EditionLink(string Language, Uri Url);
