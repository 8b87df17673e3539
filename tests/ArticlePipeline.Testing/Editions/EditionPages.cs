using System.Globalization;
using System.Net;
using System.Text;

namespace ArticlePipeline.Testing.Editions;

/// <summary>Renders the article pages of <see cref="EditionSites"/>: the publisher's layout and the mirror's.</summary>
internal static class EditionPages
{
    /// <summary>A publisher's article page: headline, sapo, body, byline, with its boilerplate and language alternates.</summary>
    /// <param name="story">The article.</param>
    /// <param name="chrome">The boilerplate in the page's language.</param>
    /// <param name="self">The page's own URL (canonical, and its own hreflang alternate).</param>
    /// <param name="alternates">The other language editions the page names, by language.</param>
    /// <param name="home">The home page of the page's language.</param>
    public static string Publisher(EditionStory story, PublisherChrome chrome, Uri self, IReadOnlyDictionary<string, Uri> alternates, Uri home)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{story.Language}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(story.Title)} - {E(chrome.SiteName)}</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<meta name=\"description\" content=\"{E(story.Lead)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<meta property=\"og:title\" content=\"{E(story.Title)}\">\n<meta property=\"og:type\" content=\"article\">\n")
            .Append(CultureInfo.InvariantCulture, $"<meta property=\"og:url\" content=\"{E(self.AbsoluteUri)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<meta property=\"article:published_time\" content=\"{Iso(story.Published)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"canonical\" href=\"{E(self.AbsoluteUri)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"alternate\" hreflang=\"{story.Language}\" href=\"{E(self.AbsoluteUri)}\">\n");
        foreach ((string language, Uri url) in alternates)
        {
            html.Append(CultureInfo.InvariantCulture, $"<link rel=\"alternate\" hreflang=\"{language}\" href=\"{E(url.AbsoluteUri)}\">\n");
        }

        html.Append("</head>\n<body>\n<header class=\"site-header\">\n<div class=\"top-bar\">")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"today\">{E(chrome.DateLine(story.Published))}</span>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"lang-switch\"><a hreflang=\"{story.Language}\" href=\"{E(self.AbsoluteUri)}\" class=\"active\">{E(chrome.LanguageName)}</a>");
        foreach ((string language, Uri url) in alternates)
        {
            string name = language == "ru" ? PublisherChrome.Russian.LanguageName : PublisherChrome.Vietnamese.LanguageName;
            html.Append(CultureInfo.InvariantCulture, $" <a hreflang=\"{language}\" href=\"{E(url.AbsoluteUri)}\">{E(name)}</a>");
        }

        html.Append("</div></div>\n")
            .Append(CultureInfo.InvariantCulture, $"<a class=\"logo\" href=\"{E(home.AbsoluteUri)}\">{E(chrome.SiteName)}</a>\n")
            .Append("<nav class=\"main-menu\"><ul>");
        foreach (string item in chrome.Menu)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(home.AbsoluteUri)}#{Slug(item)}\">{E(item)}</a></li>");
        }

        html.Append("</ul></nav>\n</header>\n<main class=\"container\">\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"breadcrumb\"><a href=\"{E(home.AbsoluteUri)}\">{E(chrome.Menu[0])}</a> › <a href=\"{E(home.AbsoluteUri)}#{Slug(chrome.Section)}\">{E(chrome.Section)}</a></div>\n")
            .Append("<article class=\"detail\">\n")
            .Append(CultureInfo.InvariantCulture, $"<h1 class=\"detail-title\">{E(story.Title)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"detail-meta\"><span class=\"detail-time\">{E(chrome.DateLine(story.Published))}</span> <span class=\"views\">{E(chrome.Views)}</span></div>\n")
            .Append(Share(chrome))
            .Append(CultureInfo.InvariantCulture, $"<h2 class=\"sapo\">{E(story.Lead)}</h2>\n<div class=\"detail-content\">\n");
        foreach (string paragraph in story.Paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p style=\"text-align: right;\"><strong>{E(story.Byline)}</strong></p>\n</div>\n")
            .Append("<div class=\"detail-tags\">").Append(E(chrome.Tags[0]));
        foreach (string tag in chrome.Tags.Skip(1))
        {
            html.Append(CultureInfo.InvariantCulture, $" <a href=\"{E(home.AbsoluteUri)}#{Slug(tag)}\">{E(tag)}</a>");
        }

        html.Append("</div>\n").Append(Share(chrome))
            .Append(CultureInfo.InvariantCulture, $"<div class=\"comment-box\"><span class=\"comment-count\">{E(chrome.Comments[0])}</span> <a href=\"#comment-form\">{E(chrome.Comments[1])}</a></div>\n")
            .Append("</article>\n<section class=\"related-news\">\n")
            .Append(CultureInfo.InvariantCulture, $"<h3>{E(chrome.Related[0])}</h3>\n<ul>\n");
        foreach (string headline in chrome.Related.Skip(1))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(home.AbsoluteUri)}#{Slug(headline)}\">{E(headline)}</a></li>\n");
        }

        html.Append("</ul>\n</section>\n</main>\n<footer class=\"site-footer\">\n");
        foreach (string line in chrome.Footer)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(line)}</p>\n");
        }

        return html.Append("</footer>\n</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// A mirror's localized page: the platform's header, headline, lead, the source paper and date line, the body,
    /// the (translated) byline, the source line linking the original, then the comment counter and headline lists.
    /// </summary>
    /// <param name="story">The translation.</param>
    /// <param name="self">The page's own URL.</param>
    /// <param name="siblings">The mirror's other translations of the same article, by language.</param>
    /// <param name="original">The original article the source line names.</param>
    /// <param name="paper">The original's paper, as the date line names it.</param>
    /// <param name="home">The mirror's home page.</param>
    public static string Mirror(EditionStory story, Uri self, IReadOnlyDictionary<string, Uri> siblings, Uri original, string paper, Uri home)
    {
        MirrorChrome chrome = MirrorChrome.ByLanguage[story.Language];
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{story.Language}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(story.Title)}</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<meta name=\"description\" content=\"{E(story.Lead)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<meta property=\"og:title\" content=\"{E(story.Title)}\">\n<meta property=\"og:site_name\" content=\"Vietnam.vn\">\n")
            .Append(CultureInfo.InvariantCulture, $"<meta property=\"article:published_time\" content=\"{Iso(story.Published)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"canonical\" href=\"{E(self.AbsoluteUri)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"alternate\" hreflang=\"{story.Language}\" href=\"{E(self.AbsoluteUri)}\">\n");
        foreach ((string language, Uri url) in siblings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<link rel=\"alternate\" hreflang=\"{language}\" href=\"{E(url.AbsoluteUri)}\">\n");
        }

        html.Append("</head>\n<body>\n<header class=\"header\">\n")
            .Append(CultureInfo.InvariantCulture, $"<a class=\"brand\" href=\"{E(home.AbsoluteUri)}\">{E(MirrorChrome.Platform)}</a>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"motto\">{E(MirrorChrome.Motto)}</div>\n")
            .Append(Menu(chrome, home))
            .Append("</header>\n<main>\n<article class=\"post\">\n")
            .Append(CultureInfo.InvariantCulture, $"<h1 class=\"post-title\">{E(story.Title)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"post-sapo\">{E(story.Lead)}</div>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"post-source\"><a class=\"source-logo\" href=\"{E(home.AbsoluteUri)}#nguon\">{E(paper)}</a><a class=\"source-name\" href=\"{E(home.AbsoluteUri)}#nguon\">{E(paper)}</a><span class=\"post-date\">{story.Published.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}</span></div>\n")
            .Append("<div class=\"post-content\">\n");
        foreach (string paragraph in story.Paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>\n");
        }

        string source = E(original.AbsoluteUri);
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"text-align: right;\"><strong>{E(story.Byline)}</strong></p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(chrome.SourceLabel)}: <a href=\"{source}\" rel=\"nofollow\" target=\"_blank\">{source}</a></p>\n")
            .Append("</div>\n</article>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"comments\"><span class=\"comment-count\">{E(chrome.Comments)}</span></div>\n")
            .Append("<div class=\"widget\">No data</div>\n<div class=\"widget\">No data</div>\n")
            .Append(Headlines(chrome.SameTopic, home))
            .Append(Headlines(chrome.SameCategory, home))
            .Append(CultureInfo.InvariantCulture, $"<section class=\"same-author\"><h3>{E(chrome.SameAuthor)}</h3></section>\n")
            .Append("</main>\n<footer class=\"footer\">\n")
            .Append(Menu(chrome, home))
            .Append("<div class=\"videos\">No videos available</div>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Share(PublisherChrome chrome)
    {
        var bar = new StringBuilder("<div class=\"share-bar\"><span>").Append(E(chrome.Share[0])).Append("</span>");
        foreach (string button in chrome.Share.Skip(1))
        {
            bar.Append(CultureInfo.InvariantCulture, $" <a class=\"share\" href=\"#share-{Slug(button)}\">{E(button)}</a>");
        }

        return bar.Append("</div>\n").ToString();
    }

    private static string Menu(MirrorChrome chrome, Uri home)
    {
        var menu = new StringBuilder("<nav class=\"categories\"><ul>");
        foreach (string item in chrome.Menu)
        {
            menu.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(home.AbsoluteUri)}#{Slug(item)}\">{E(item)}</a></li>");
        }

        return menu.Append("</ul></nav>\n").ToString();
    }

    private static string Headlines(IReadOnlyList<string> list, Uri home)
    {
        var section = new StringBuilder("<section class=\"related\">\n").Append(CultureInfo.InvariantCulture, $"<h3>{E(list[0])}</h3>\n<ul>\n");
        foreach (string headline in list.Skip(1))
        {
            section.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(home.AbsoluteUri)}#{Slug(headline)}\">{E(headline)}</a></li>\n");
        }

        return section.Append("</ul>\n</section>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    // A fragment id from a label: stable, ASCII, different for different labels.
    private static string Slug(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 4));
}
