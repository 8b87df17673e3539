using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Warc;

/// <summary>
/// What WARC capture costs a crawl, measured against the work every fetched article costs anyway: for the same real
/// pages (trafilatura-eval and Readability's test pages under the shared corpus), the CPU time per page of storing the
/// request and response records through <see cref="WarcCaptureStore"/> (compression, digests, write, flush to disk)
/// against the CPU time per page of extracting and normalizing the page. Each side runs in passes over all pages
/// until it has taken the given seconds, after a warm-up pass. Pages are stored twice: as a server sending them
/// gzip-encoded (what the fetcher asks for) and as one sending them unencoded; WARC bytes per page are compared to the
/// raw HTML bytes per page. Pin it to one core: taskset -c 0.
/// </summary>
internal static class WarcBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        string corpus = args.Length > 0 && args[0].Length > 0 ? args[0] : DefaultCorpus();
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        List<(Uri Url, byte[] Html)> pages = Load(corpus);
        if (pages.Count == 0)
        {
            Console.WriteLine($"skipped: no pages under {corpus} (trafilatura-eval/pages/*.html.gz, readability-test-pages/*/source.html)");
            return;
        }

        long rawBytes = pages.Sum(p => (long)p.Html.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pages.Count} pages, raw HTML {rawBytes / (double)pages.Count / 1024:F1} KiB/page, cores available: {Environment.ProcessorCount}"));
        HttpExchange[] encoded = [.. pages.Select(p => Exchange(p.Url, Gzip(p.Html), gzip: true))];
        HttpExchange[] identity = [.. pages.Select(p => Exchange(p.Url, p.Html, gzip: false))];
        PageContent[] contents = [.. pages.Select(p => new PageContent(p.Url, p.Html, "text/html; charset=utf-8"))];

        string root = Path.Combine(Path.GetTempPath(), "ap-warc-bench-" + Environment.ProcessId);
        try
        {
            var extractor = new ArticleExtractor();
            var normalizer = new ArticleNormalizer();
            (double extractCpu, double extractWall, int extracted) = Measure(seconds, contents.Length, i =>
            {
                if (extractor.Extract(contents[i]).Article is { } article)
                {
                    normalizer.Normalize(article);
                }

                return Task.CompletedTask;
            });

            (double warcCpu, double warcWall, long warcBytes, int stored) = await StoreAllAsync(Path.Combine(root, "gzip"), encoded, seconds);
            (double identityCpu, _, long identityBytes, int identityStored) = await StoreAllAsync(Path.Combine(root, "identity"), identity, seconds);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"extract: {extracted} pages, cpu/page {extractCpu * 1000:F3} ms, wall/page {extractWall * 1000:F3} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warc (gzip-encoded payloads): {stored} pages, cpu/page {warcCpu * 1000:F3} ms, wall/page {warcWall * 1000:F3} ms (flush to disk included)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warc (unencoded payloads): {identityStored} pages, cpu/page {identityCpu * 1000:F3} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warc cpu/page {warcCpu * 1000:F3} ms, extract cpu/page {extractCpu * 1000:F3} ms, ratio {warcCpu / extractCpu:F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warc cpu/page (unencoded payloads) {identityCpu * 1000:F3} ms, ratio to extract {identityCpu / extractCpu:F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warc bytes/page {warcBytes / (double)pages.Count:F0} (gzip-encoded payloads), {identityBytes / (double)pages.Count:F0} (unencoded), raw html bytes/page {rawBytes / (double)pages.Count:F0}, ratio {warcBytes / (double)rawBytes:F3} / {identityBytes / (double)rawBytes:F3}"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Stores every page once to size the files (one pass), then keeps storing in passes for the timing.
    private static async Task<(double Cpu, double Wall, long Bytes, int Stored)> StoreAllAsync(string folder, HttpExchange[] exchanges, double seconds)
    {
        long bytes;
        await using (var sizing = new WarcCaptureStore(Path.Combine(folder, "sizing")))
        {
            foreach (HttpExchange exchange in exchanges)
            {
                await sizing.StoreAsync(exchange);
            }
        }

        // The warcinfo record is per file (1 GiB), not per page: left out of the bytes per page.
        bytes = Directory.GetFiles(Path.Combine(folder, "sizing", "warc"), "*.warc.gz")
            .Sum(f => new FileInfo(f).Length - WarcReader.ReadAll(f).First().Length);

        await using var store = new WarcCaptureStore(Path.Combine(folder, "timed"));
        (double cpu, double wall, int stored) = Measure(seconds, exchanges.Length, i => store.StoreAsync(exchanges[i]));
        return (cpu, wall, bytes, stored);
    }

    // A warm-up pass, then passes until `seconds` of wall time; CPU time of the whole process per page.
    private static (double Cpu, double Wall, int Done) Measure(double seconds, int count, Func<int, Task> work)
    {
        for (int i = 0; i < count; i++)
        {
            work(i).GetAwaiter().GetResult();
        }

        GC.Collect();
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        int done = 0;
        do
        {
            for (int i = 0; i < count; i++)
            {
                work(i).GetAwaiter().GetResult();
                done++;
            }
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        clock.Stop();
        self.Refresh();
        return ((self.TotalProcessorTime - cpuBefore).TotalSeconds / done, clock.Elapsed.TotalSeconds / done, done);
    }

    internal static HttpExchange Exchange(Uri url, byte[] payload, bool gzip)
    {
        ImmutableArray<KeyValuePair<string, string>> headers =
        [
            new("Server", "nginx/1.24.0"),
            new("Date", "Mon, 07 Dec 2026 01:02:03 GMT"),
            new("Content-Type", "text/html; charset=UTF-8"),
            new("Content-Length", payload.Length.ToString(CultureInfo.InvariantCulture)),
            new("Connection", "keep-alive"),
            new("Vary", "Accept-Encoding"),
            new("Cache-Control", "max-age=60, public"),
            new("Set-Cookie", "PHPSESSID=9f2c1a0b7d; path=/; HttpOnly"),
            .. gzip ? new[] { new KeyValuePair<string, string>("Content-Encoding", "gzip") } : [],
        ];
        return new HttpExchange(
            url,
            "GET",
            [
                new("Host", url.Host),
                new("User-Agent", "ArticlePipeline/1.0 (+https://example.org/bot)"),
                new("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                new("Accept-Encoding", "gzip, br"),
            ],
            "1.1",
            200,
            "OK",
            headers,
            payload,
            "203.0.113.7",
            DateTimeOffset.UtcNow);
    }

    internal static List<(Uri Url, byte[] Html)> Load(string corpus)
    {
        var pages = new List<(Uri, byte[])>();
        string trafilatura = Path.Combine(corpus, "trafilatura-eval", "pages");
        if (Directory.Exists(trafilatura))
        {
            foreach (string file in Directory.GetFiles(trafilatura, "*.html.gz").Order(StringComparer.Ordinal))
            {
                using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var html = new MemoryStream();
                gzip.CopyTo(html);
                pages.Add((new Uri("https://trafilatura.example.org/" + Path.GetFileName(file)[..^3]), html.ToArray()));
            }
        }

        string readability = Path.Combine(corpus, "readability-test-pages");
        if (Directory.Exists(readability))
        {
            foreach (string dir in Directory.GetDirectories(readability).Order(StringComparer.Ordinal))
            {
                string source = Path.Combine(dir, "source.html");
                if (File.Exists(source))
                {
                    pages.Add((new Uri("https://readability.example.org/" + Path.GetFileName(dir) + "/"), File.ReadAllBytes(source)));
                }
            }
        }

        return pages;
    }

    internal static byte[] Gzip(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    internal static string DefaultCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArticlePipeline.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.Parent?.FullName ?? ".", "shared", "corpus");
    }
}
