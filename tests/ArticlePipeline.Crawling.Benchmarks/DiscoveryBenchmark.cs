using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>
/// Issue 10, item 6: one source whose sitemap index lists <c>documents</c> gzip sitemaps of about <c>gzipMiB</c> each
/// (tens of millions of links in all), served from 127.0.0.1. Prints the time and peak memory of that source's
/// discovery with the default caps, and as reference, in the same run, the time a bare XmlReader takes to decompress
/// and read the same bytes (what no discovery can go below).
/// </summary>
internal static class DiscoveryBenchmark
{
    public static async Task<int> RunAsync(int documents, int gzipMiB)
    {
        string folder = Path.Combine(Path.GetTempPath(), "ap-discovery-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            var generate = Stopwatch.StartNew();
            long links = 0;
            for (int d = 0; d < documents; d++)
            {
                links += Generate(Path.Combine(folder, $"{d}.xml.gz"), d, gzipMiB * 1024L * 1024);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"discovery: index of {documents} gzip sitemaps of {gzipMiB} MiB, {links} links in all (generated in {generate.Elapsed.TotalSeconds:0.0} s), {Environment.ProcessorCount} cores"));

            await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
            site.KeepLog = false;
            var index = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
            for (int d = 0; d < documents; d++)
            {
                index.Append(CultureInfo.InvariantCulture, $"<sitemap><loc>{site.Url($"/sitemaps/{d}.xml.gz")}</loc><lastmod>{new DateTime(2025, 1, 1).AddDays(d):yyyy-MM-dd}</lastmod></sitemap>");
            }

            site.Set("/sitemap-index.xml", SiteResponse.Xml(index.Append("</sitemapindex>").ToString()));
            site.Fallback = path => path.StartsWith("/sitemaps/", StringComparison.Ordinal) && File.Exists(Path.Combine(folder, path["/sitemaps/".Length..]))
                ? new SiteResponse(File.ReadAllBytes(Path.Combine(folder, path["/sitemaps/".Length..])), "application/x-gzip")
                : null;

            var options = new CrawlOptions();
            using var fetcher = new HttpPageFetcher(new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0 });
            var source = new SourceDefinition { Id = "bench", Sitemaps = [site.Url("/sitemap-index.xml").AbsoluteUri] };
            Console.WriteLine(MemoryBenchmark.Sample("start", 0));
            using var sampler = new HeapSampler();
            var stopwatch = Stopwatch.StartNew();
            DiscoveryResult result = await new SourceDiscovery(fetcher, null, options).DiscoverAsync(source);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            sampler.Stop();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"discovery seconds {seconds:0.00} kept {result.Urls.Length} peak-gc-heap-mb {sampler.PeakHeapBytes / 1048576.0:0.0} peak-working-set-mb {process.PeakWorkingSet64 / 1048576.0:0.0}"));
            foreach (string problem in result.Problems)
            {
                Console.WriteLine("  problem: " + problem);
            }

            // Reference: decompress and read with a bare XmlReader what discovery read (the newest documents, each up to 50 MiB).
            int read = documents - result.Problems.Select(NotRead).Sum();
            var reference = Stopwatch.StartNew();
            long bytes = 0;
            for (int d = documents - 1; d >= documents - read; d--)
            {
                bytes += BareRead(Path.Combine(folder, $"{d}.xml.gz"), Math.Min(FeedParser.MaxDocumentBytes, options.MaxDiscoveryBytesPerSource - bytes));
            }

            double referenceSeconds = reference.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reference: bare XmlReader over the same {read} documents ({bytes / 1048576.0:0.0} MiB) {referenceSeconds:0.00} s; discovery/reference {seconds / referenceSeconds:0.00}"));
            return process.PeakWorkingSet64 < 300L * 1024 * 1024 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int NotRead(string problem)
    {
        // "discovery read N bytes, its budget (Crawl:MaxDiscoveryBytesPerSource B): K documents not read"
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(problem, @"MaxDiscoveryBytesPerSource \d+\): (\d+) documents not read");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Writes a gzip urlset of dated, partly random URLs until the compressed file reaches <paramref name="gzipBytes"/>.</summary>
    private static long Generate(string path, int document, long gzipBytes)
    {
        var random = new Random(document);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        long count = 0;
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        while (file.Position < gzipBytes)
        {
            for (int i = 0; i < 1000; i++, count++)
            {
                DateTimeOffset lastmod = start.AddSeconds(random.Next(0, 200 * 86400));
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"<url><loc>https://baosonghau.example.vn/tin-tuc/bai-viet-{document}-{count}-{random.Next():x8}.html</loc><lastmod>{lastmod:yyyy-MM-dd'T'HH:mm:sszzz}</lastmod></url>\n"));
            }
        }

        writer.Write("</urlset>\n");
        return count;
    }

    private static long BareRead(string path, long maxBytes)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var capped = new CappedStream(gzip, maxBytes);
        using var reader = XmlReader.Create(capped, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (XmlException)
        {
            // The cut at the cap.
        }

        return capped.BytesRead;
    }

    /// <summary>Samples the GC heap every 50 ms: its peak during discovery.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public HeapSampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

        public long PeakHeapBytes => Interlocked.Read(ref _peak);

        public void Stop()
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Sample();
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            long heap = GC.GetTotalMemory(forceFullCollection: false);
            long peak;
            while (heap > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, heap, peak) != peak)
            {
            }
        }
    }
}

/// <summary>Where one document's parse spends its time (a by-hand probe).</summary>
internal static class ParseProbe
{
    public static int Run()
    {
        string path = Path.Combine(Path.GetTempPath(), "ap-probe.xml.gz");
        var random = new Random(1);
        using (var file = new FileStream(path, FileMode.Create))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
            for (int i = 0; i < 100_000; i++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"<url><loc>https://baosonghau.example.vn/tin-tuc/bai-viet-{i}-{random.Next():x8}.html</loc><lastmod>2025-06-{1 + (i % 28):00}T08:15:00+07:00</lastmod></url>\n"));
            }

            writer.Write("</urlset>");
        }

        byte[] body = File.ReadAllBytes(path);
        var uri = new Uri("https://baosonghau.example.vn/sitemap.xml");
        for (int round = 0; round < 2; round++)
        {
            var watch = Stopwatch.StartNew();
            FeedParser.Read(body, uri, _ => { }, _ => { });
            double parse = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var kept = new NewestLinks(50_000);
            FeedParser.Read(body, uri, kept.Add, _ => { }, wanted: kept.Wants);
            double keep = watch.Elapsed.TotalSeconds;
            watch.Restart();
            for (int i = 0; i < 100_000; i++)
            {
                UrlCanonicalizer.Canonicalize(new Uri($"https://baosonghau.example.vn/tin-tuc/bai-viet-{i}.html"));
            }

            double canon = watch.Elapsed.TotalSeconds;
            watch.Restart();
            for (int i = 0; i < 100_000; i++)
            {
                Core.Dates.DateParser.ParseFeedDate("2025-06-01T08:15:00+07:00");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"100k links: parse {parse:0.00} s, parse+keep {keep:0.00} s, canonicalize {canon:0.00} s, dates {watch.Elapsed.TotalSeconds:0.00} s"));
        }

        File.Delete(path);
        return 0;
    }
}
