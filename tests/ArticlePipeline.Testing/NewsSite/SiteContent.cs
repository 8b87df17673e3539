using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Testing.NewsSite;

/// <summary>
/// Pages for the fake news site made from the offline sample's first article: as many distinct articles as a test
/// needs (each with its own title and text, so its own content hash), a feed, a sitemap, a home page and listing pages.
/// </summary>
public static partial class SiteContent
{
    private static readonly Lazy<string> Template = new(() => File.ReadAllText(Path.Combine(
        SharedData.RepositoryRoot, "samples", "site", "tin-tuc", "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html")));

    /// <summary>The path of article <paramref name="number"/>, e.g. <c>/tin-tuc/bai-viet-so-7-a5007.html</c>.</summary>
    public static string ArticlePath(int number) => string.Create(CultureInfo.InvariantCulture, $"/tin-tuc/bai-viet-so-{number}-a{5000 + number}.html");

    /// <summary>The title of article <paramref name="number"/>.</summary>
    public static string Title(int number) => string.Create(CultureInfo.InvariantCulture, $"Bài viết số {number}: nông dân Tân Hậu thu hoạch lúa hè thu sớm, năng suất gần 6,5 tấn/ha");

    /// <summary>Article <paramref name="number"/> as HTML whose canonical link names <paramref name="canonical"/>.</summary>
    public static string Article(int number, Uri canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        string href = WebUtility.HtmlEncode(canonical.AbsoluteUri);
        string page = CanonicalLink().Replace(Template.Value, $"<link rel=\"canonical\" href=\"{href}\">");
        page = OgUrl().Replace(page, $"<meta property=\"og:url\" content=\"{href}\">");
        return page
            .Replace("Nông dân Tân Hậu thu hoạch lúa hè thu sớm, năng suất gần 6,5 tấn/ha", Title(number), StringComparison.Ordinal)
            .Replace("Theo Phòng Nông nghiệp", string.Create(CultureInfo.InvariantCulture, $"Theo số liệu {number} của Phòng Nông nghiệp"), StringComparison.Ordinal);
    }

    /// <summary>An RSS 2.0 feed of <paramref name="items"/>, in the order given.</summary>
    public static string Rss(IEnumerable<(Uri Url, DateTimeOffset Published)> items)
    {
        var rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Báo Sông Hậu</title>");
        foreach ((Uri url, DateTimeOffset published) in items)
        {
            rss.Append(CultureInfo.InvariantCulture, $"<item><title>t</title><link>{WebUtility.HtmlEncode(url.AbsoluteUri)}</link><pubDate>{published:R}</pubDate></item>");
        }

        return rss.Append("</channel></rss>").ToString();
    }

    /// <summary>A sitemap (urlset) of <paramref name="urls"/>.</summary>
    public static string Sitemap(IEnumerable<Uri> urls)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        foreach (Uri url in urls)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{WebUtility.HtmlEncode(url.AbsoluteUri)}</loc></url>");
        }

        return xml.Append("</urlset>").ToString();
    }

    /// <summary>A home page announcing <paramref name="feed"/>.</summary>
    public static string Home(Uri feed) =>
        $"<html><head><title>Báo Sông Hậu</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"{WebUtility.HtmlEncode(feed.AbsoluteUri)}\"></head><body><h1>Báo Sông Hậu</h1></body></html>";

    /// <summary>A listing page linking <paramref name="articles"/>, then a "next page" link when given.</summary>
    public static string Listing(IEnumerable<Uri> articles, Uri? next = null, string nextText = "Trang sau", bool relNext = false)
    {
        var html = new StringBuilder("<html><head><title>Thời sự</title>");
        if (relNext && next is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<link rel=\"next\" href=\"{WebUtility.HtmlEncode(next.AbsoluteUri)}\">");
        }

        html.Append("</head><body><nav><a href=\"/\">Trang chủ</a> <a href=\"/lien-he.html\">Liên hệ</a></nav><ul>");
        foreach (Uri article in articles)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{WebUtility.HtmlEncode(article.AbsoluteUri)}\">Bài viết</a></li>");
        }

        html.Append("</ul>");
        if (next is not null && !relNext)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"pager\"><a href=\"{WebUtility.HtmlEncode(next.AbsoluteUri)}\">{nextText}</a></div>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>
    /// Publishes articles <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1 on
    /// <paramref name="site"/> (each its own canonical), an RSS feed at <c>/rss.xml</c> listing them newest first, and a
    /// home page announcing it.
    /// </summary>
    /// <returns>The article URLs, newest first.</returns>
    public static IReadOnlyList<Uri> Publish(LoopbackNewsSite site, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(site);
        var urls = new List<Uri>();
        var published = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));
        for (int number = first + count - 1; number >= first; number--)
        {
            Uri url = site.Url(ArticlePath(number));
            site.Set(ArticlePath(number), SiteResponse.Html(Article(number, url)));
            urls.Add(url);
        }

        site.Set("/rss.xml", SiteResponse.Xml(Rss(urls.Select((u, i) => (u, published.AddMinutes(-i))))) with { ContentType = "application/rss+xml" });
        site.Set("/", SiteResponse.Html(Home(site.Url("/rss.xml"))));
        return urls;
    }

    /// <summary>
    /// Encodes Vietnamese text as windows-1258, the legacy code page: it has precomposed letters for the vowels with
    /// circumflex, breve and horn, and combining marks for the five tones, so a letter it lacks becomes its base letter
    /// followed by the tone mark.
    /// </summary>
    public static byte[] Windows1258(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding cp1258 = Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var output = new List<byte>(text.Length);
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            try
            {
                output.AddRange(cp1258.GetBytes(element));
            }
            catch (EncoderFallbackException)
            {
                string decomposed = element.Normalize(NormalizationForm.FormD);
                string tones = new([.. decomposed.Where(IsTone)]);
                string letter = new string([.. decomposed.Where(c => !IsTone(c))]).Normalize(NormalizationForm.FormC);
                output.AddRange(cp1258.GetBytes(letter + tones));
            }
        }

        return [.. output];

        static bool IsTone(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';
    }

    [GeneratedRegex("<link rel=\"canonical\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalLink();

    [GeneratedRegex("<meta property=\"og:url\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex OgUrl();
}
