using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Output.Tests.Warc;

/// <summary>Exchanges shaped like what real servers send, for the WARC tests.</summary>
internal static class Exchanges
{
    public static readonly DateTimeOffset Date = new(2026, 12, 7, 1, 2, 3, 456, 789, TimeSpan.Zero);

    public static ImmutableArray<KeyValuePair<string, string>> BrowserRequest(string host) =>
    [
        new("Host", host),
        new("User-Agent", "ArticlePipeline/1.0 (+https://example.org/bot)"),
        new("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
        new("Accept-Encoding", "gzip, br"),
        new("Accept-Language", "vi,en;q=0.5"),
    ];

    /// <summary>An nginx article page, gzip-encoded as sent, with a Vietnamese body.</summary>
    public static HttpExchange GzipArticle(int i = 0)
    {
        string html = $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Nông dân thu hoạch lúa {i}</title></head>" +
                      $"<body><article><h1>Bài {i}</h1><p>Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu.</p></article></body></html>";
        byte[] encoded = Gzip(Encoding.UTF8.GetBytes(html));
        return new HttpExchange(
            new Uri($"https://baosonghau.example.vn/tin-tuc/bai-viet-{i}.html?utm_source=rss"),
            "GET",
            BrowserRequest("baosonghau.example.vn"),
            "1.1",
            200,
            "OK",
            [
                new("Server", "nginx/1.24.0"),
                new("Date", "Mon, 07 Dec 2026 01:02:03 GMT"),
                new("Content-Type", "text/html; charset=UTF-8"),
                new("Content-Length", encoded.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Connection", "keep-alive"),
                new("Vary", "Accept-Encoding"),
                new("Set-Cookie", "PHPSESSID=9f2c1a; path=/; HttpOnly"),
                new("Set-Cookie", "lang=vi; path=/; Max-Age=31536000"),
                new("Content-Encoding", "gzip"),
            ],
            encoded,
            "203.0.113.7",
            Date.AddSeconds(i));
    }

    /// <summary>A JPEG-like binary body holding CRLFs, a blank line and a WARC version line, over HTTP/2 (no reason phrase).</summary>
    public static HttpExchange BinaryImage()
    {
        byte[] payload = new byte[40_000];
        new Random(14).NextBytes(payload);
        "\r\n\r\nWARC/1.1\r\nContent-Length: 5\r\n\r\n"u8.CopyTo(payload.AsSpan(1000));
        payload[0] = 0xff;
        payload[1] = 0xd8;
        return new HttpExchange(
            new Uri("https://cdn.example.vn/images/2026/12/lua-he-thu.jpg"),
            "GET",
            BrowserRequest("cdn.example.vn"),
            "2",
            200,
            null,
            [new("content-type", "image/jpeg"), new("content-length", "40000"), new("cache-control", "max-age=31536000")],
            payload,
            "2001:db8::17",
            Date);
    }

    /// <summary>
    /// A page whose headers carry raw UTF-8 bytes (a Content-Disposition file name and a Link title, as some servers
    /// send them): HttpClient hands each byte over as one Latin-1 character.
    /// </summary>
    public static HttpExchange RawUtf8Headers()
    {
        static string Raw(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
        byte[] body = Encoding.UTF8.GetBytes("<html><body><p>ข่าวเกษตร: ชาวนาเก็บเกี่ยวข้าว</p><p>Новини: урожай</p></body></html>");
        return new HttpExchange(
            new Uri("http://tin.example.co.th/ข่าว/1"),
            "GET",
            [new("User-Agent", "ArticlePipeline/1.0")],
            "1.1",
            200,
            "OK",
            [
                new("Content-Type", "text/html; charset=utf-8"),
                new("Content-Disposition", Raw("inline; filename=\"ข่าว-урожай-bài viết.html\"")),
                new("Link", Raw("<https://tin.example.co.th/ข่าว/1>; rel=\"canonical\"; title=\"Новини\"")),
                new("X-Powered-By", "PHP/8.2"),
            ],
            body,
            null,
            Date);
    }

    /// <summary>A 404 with an empty body.</summary>
    public static HttpExchange NotFound() => new(
        new Uri("https://baosonghau.example.vn/khong-co.html"),
        "GET",
        BrowserRequest("baosonghau.example.vn"),
        "1.1",
        404,
        "Not Found",
        [new("Server", "Apache"), new("Content-Length", "0")],
        ReadOnlyMemory<byte>.Empty,
        "198.51.100.2",
        Date);

    /// <summary>An incompressible page of about <paramref name="bytes"/> bytes.</summary>
    public static HttpExchange Random(int bytes, int seed)
    {
        byte[] payload = new byte[bytes];
        new Random(seed).NextBytes(payload);
        return new HttpExchange(
            new Uri($"https://rand.example.org/page/{seed}"),
            "GET",
            [],
            "1.1",
            200,
            "OK",
            [new("Content-Type", "application/octet-stream")],
            payload,
            "192.0.2.1",
            Date.AddSeconds(seed));
    }

    public static byte[] Gzip(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
