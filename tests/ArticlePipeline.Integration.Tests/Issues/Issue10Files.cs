using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>Files the issue 10 tests write: configurations, sources files, and articles with text of their own.</summary>
internal static class Issue10Files
{
    /// <summary>Writes <paramref name="settings"/> as <c>{name}.json</c> and returns its path.</summary>
    public static string Config(TempDirectory folder, string name, object settings)
    {
        string path = folder.Combine(name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    /// <summary>Writes a sources file of <paramref name="sources"/> and returns its path.</summary>
    public static string Sources(TempDirectory folder, string name, params object[] sources)
    {
        string path = folder.Combine(name + ".sources.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { sources }));
        return path;
    }

    /// <summary>A source reading the RSS feed of <paramref name="site"/>.</summary>
    public static object FeedSource(string id, LoopbackNewsSite site, params string[] excludePatterns) => new
    {
        id,
        name = id,
        homeUrl = site.BaseUrl.AbsoluteUri,
        feeds = new[] { site.Url("/rss.xml").AbsoluteUri },
        excludePatterns,
        maxArticlesPerRun = 1000,
    };

    /// <summary>
    /// Publishes <paramref name="count"/> articles whose every paragraph is different (so a translation memory saves
    /// nothing between them), an RSS feed of them and a home page; returns their URLs.
    /// </summary>
    public static IReadOnlyList<Uri> PublishDistinct(LoopbackNewsSite site, int count, int paragraphs = 8)
    {
        var urls = new List<Uri>();
        var published = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));
        for (int n = 0; n < count; n++)
        {
            string path = SiteContent.ArticlePath(n);
            var html = new StringBuilder();
            html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bài {n}</title></head><body><article><h1>Bài số {n}: nông dân Tân Hậu đưa máy gặt đập liên hợp ra đồng sớm</h1><div class=\"content\">");
            for (int p = 0; p < paragraphs; p++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>Đoạn {p} của bài {n}: theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn {1000 + (n * 31) + p} héc-ta, năng suất bình quân đạt gần sáu tấn mỗi héc-ta, cao hơn vụ trước; bà con phấn khởi vì giá lúa ổn định và thương lái thu mua ngay tại ruộng số {n}-{p}.</p>");
            }

            html.Append("</div></article></body></html>");
            site.Set(path, SiteResponse.Html(html.ToString()));
            urls.Add(site.Url(path));
        }

        site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(urls.Select((u, i) => (u, published.AddMinutes(-i))))) with { ContentType = "application/rss+xml" });
        site.Set("/", SiteResponse.Html(SiteContent.Home(site.Url("/rss.xml"))));
        return urls;
    }

    /// <summary>Every record file under <c>{out}/records</c>.</summary>
    public static string[] Records(string output) =>
        Directory.Exists(Path.Combine(output, "records"))
            ? [.. Directory.GetFiles(Path.Combine(output, "records"), "*.json", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))]
            : [];

    /// <summary>The files under <paramref name="folder"/> whose bytes contain <paramref name="text"/>, ignoring ASCII case.</summary>
    public static string[] FilesContaining(string folder, string text) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Encoding.Latin1.GetString(File.ReadAllBytes(f)).Contains(text, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Escapes a value for a URL path.</summary>
    public static string Escape(string text) => WebUtility.UrlEncode(text);
}
