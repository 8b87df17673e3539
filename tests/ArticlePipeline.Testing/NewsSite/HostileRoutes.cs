using System.Globalization;
using System.Text;

namespace ArticlePipeline.Testing.NewsSite;

/// <summary>
/// A hostile web on a <see cref="LoopbackNewsSite"/>: each method registers one kind of fault under
/// <c>/tin-tuc/</c> (so it passes a source's article pattern like a real article would) and returns its URLs, for
/// tests that crawl it next to healthy articles.
/// </summary>
public static class HostileRoutes
{
    /// <summary>
    /// <c>Location</c> values no client can follow: a scheme without <c>//</c>, a scheme-relative Windows path,
    /// empty, and text the URI parser rejects (a broken IPv6 literal, a space in the host, a port out of range, a
    /// bad percent-escape in the host, an empty host).
    /// </summary>
    public static IReadOnlyList<string> MalformedLocations { get; } =
    [
        "https:/x", "file:/etc/passwd", "ftp:x", "javascript:alert(1)", string.Empty, "http://[::1", "http://bao song hau.vn/",
        "http://baosonghau.vn:99999/", "http://%zz/", "https://", "\\\\server\\share",
    ];

    /// <summary>A reason phrase with terminal escape sequences (clear screen, window title, colour), a bidi override and 60 KB of filler.</summary>
    public static string EscapeReason { get; } =
        "Internal Server Error\u001b[2J\u001b]0;pwned\u0007\u001b[31m \u202Egnp.exe\u009b1m " + new string('x', 60_000);

    /// <summary>Registers one redirect per <see cref="MalformedLocations"/> value, and a 302 without any Location.</summary>
    /// <returns>The redirecting URLs.</returns>
    public static IReadOnlyList<Uri> AddBadRedirects(LoopbackNewsSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var urls = new List<Uri>();
        for (int i = 0; i < MalformedLocations.Count; i++)
        {
            urls.Add(Add(site, string.Create(CultureInfo.InvariantCulture, $"chuyen-huong-hong-{i}"), SiteResponse.Redirect(MalformedLocations[i])));
        }

        urls.Add(Add(site, "chuyen-huong-khong-dich", SiteResponse.StatusOnly(302)));
        return urls;
    }

    /// <summary>Registers a 500 whose reason phrase is <see cref="EscapeReason"/>.</summary>
    /// <returns>Its URL.</returns>
    public static Uri AddEscapeReason(LoopbackNewsSite site) =>
        Add(site, "loi-ky-tu-dieu-khien", SiteResponse.StatusOnly(500) with { ReasonPhrase = EscapeReason });

    /// <summary>Registers a page of <paramref name="depth"/> nested <c>div</c> elements around one paragraph.</summary>
    /// <returns>Its URL.</returns>
    public static Uri AddDeepNesting(LoopbackNewsSite site, int depth) =>
        Add(site, string.Create(CultureInfo.InvariantCulture, $"long-sau-{depth}"), SiteResponse.Html(DeepNesting(depth)));

    /// <summary>An HTML page of <paramref name="depth"/> nested <c>div</c> elements around one paragraph (11 bytes per level).</summary>
    public static string DeepNesting(int depth)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>Sâu</title></head><body>", (depth * 11) + 200);
        html.Insert(html.Length, "<div>", depth);
        html.Append("<p>Một đoạn văn nằm rất sâu trong trang, đủ dài để trông như một bài báo thật sự về nông nghiệp.</p>");
        html.Insert(html.Length, "</div>", depth);
        return html.Append("</body></html>").ToString();
    }

    /// <summary>
    /// Registers bodies that are not text, each served as <c>text/html</c>: an ELF executable's header, random bytes,
    /// and 5 MB of the letter a.
    /// </summary>
    /// <returns>The URLs of the ELF, random and repeated-letter bodies.</returns>
    public static IReadOnlyList<Uri> AddNonText(LoopbackNewsSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var random = new Random(20250623);
        byte[] elf = new byte[64 * 1024];
        random.NextBytes(elf);
        byte[] header = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0];
        header.CopyTo(elf, 0);
        byte[] noise = new byte[200 * 1024];
        random.NextBytes(noise);
        byte[] letters = new byte[5 * 1024 * 1024];
        letters.AsSpan().Fill((byte)'a');
        return
        [
            Add(site, "tep-elf", new SiteResponse(elf)),
            Add(site, "byte-ngau-nhien", new SiteResponse(noise)),
            Add(site, "chu-a-lap-lai", new SiteResponse(letters)),
        ];
    }

    /// <summary>
    /// Registers article <paramref name="number"/> as valid UTF-8 under a header that names another charset
    /// (<paramref name="headerCharset"/>, e.g. <c>windows-1250</c>).
    /// </summary>
    /// <returns>Its URL.</returns>
    public static Uri AddCharsetLie(LoopbackNewsSite site, int number, string headerCharset)
    {
        ArgumentNullException.ThrowIfNull(site);
        Uri url = site.Url(SiteContent.ArticlePath(number));
        site.Set(url.AbsolutePath, new SiteResponse(Encoding.UTF8.GetBytes(SiteContent.Article(number, url)), "text/html; charset=" + headerCharset));
        return url;
    }

    /// <summary>Registers article <paramref name="number"/> as UTF-8 with two bytes that are not (a stray 0xFF and a lone lead byte).</summary>
    /// <returns>Its URL.</returns>
    public static Uri AddNearlyUtf8(LoopbackNewsSite site, int number)
    {
        ArgumentNullException.ThrowIfNull(site);
        Uri url = site.Url(SiteContent.ArticlePath(number));
        string page = SiteContent.Article(number, url);
        int body = page.IndexOf("Theo số liệu", StringComparison.Ordinal);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(page[..body]), 0xFF, .. Encoding.UTF8.GetBytes(page[body..^200]), 0xC3, .. Encoding.UTF8.GetBytes(page[^200..])];
        site.Set(url.AbsolutePath, new SiteResponse(bytes, "text/html"));
        return url;
    }

    private static Uri Add(LoopbackNewsSite site, string name, SiteResponse response)
    {
        Uri url = site.Url($"/tin-tuc/{name}-a9000.html");
        site.Set(url.AbsolutePath, response);
        return url;
    }
}
