namespace ArticlePipeline.Core.Sources;

/// <summary>
/// Where a source publishes its own edition in one language, for articles whose page does not link it:
/// <c>{"language": "ru", "urlPrefix": "https://ru.example.vn/"}</c> (a <c>ru.</c> site) or
/// <c>{"language": "ru", "urlPrefix": "https://example.vn/ru/"}</c> (a <c>/ru/</c> prefix). The edition's URL is the
/// prefix followed by the article's path after the source's home URL. An edition the page links itself (an
/// <c>hreflang</c> alternate or a language-switch link) wins over the rule.
/// </summary>
public sealed class EditionRule
{
    /// <summary>The edition's language (one of the record languages: uk, ru, ro, th, vi).</summary>
    public string Language { get; set; } = "";

    /// <summary>The absolute http(s) URL the edition's paths start with.</summary>
    public string UrlPrefix { get; set; } = "";

    /// <summary>The edition URL of <paramref name="article"/> under this rule.</summary>
    /// <param name="article">The original's URL.</param>
    /// <param name="home">The source's home URL.</param>
    /// <returns>The prefix plus the article's path after <paramref name="home"/>, or <see langword="null"/> when the article is not under the home URL.</returns>
    public Uri? EditionOf(Uri article, Uri home)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(home);
        string homePath = home.GetLeftPart(UriPartial.Path);
        if (!homePath.EndsWith('/'))
        {
            homePath = homePath[..(homePath.LastIndexOf('/') + 1)];
        }

        string path = article.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        if (!path.StartsWith(homePath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string prefix = UrlPrefix.EndsWith('/') ? UrlPrefix : UrlPrefix + "/";
        return Uri.TryCreate(prefix + path[homePath.Length..], UriKind.Absolute, out Uri? edition) ? edition : null;
    }
}
