namespace ArticlePipeline.Core.Model;

/// <summary>A page a page names as itself in another language: an <c>hreflang</c> alternate or a language-switch link.</summary>
/// <param name="Language">The ISO 639-1 code the link claims (the primary subtag of its <c>hreflang</c>).</param>
/// <param name="Url">The absolute http(s) URL.</param>
public sealed record EditionLink(string Language, Uri Url)
{
    /// <summary>
    /// Whether the URL can name an article: a language's home or a section (<c>/ru/</c>, <c>/thoi-su/</c>, the bare
    /// host) cannot. Two path segments at least, a file name, or a query.
    /// </summary>
    public bool NamesAnArticle
    {
        get
        {
            string[] segments = Url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return Url.Query.Length > 1 || segments.Length >= 2 || (segments is [var only] && only.Contains('.', StringComparison.Ordinal));
        }
    }
}
