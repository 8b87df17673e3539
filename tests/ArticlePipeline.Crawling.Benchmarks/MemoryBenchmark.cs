using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>
/// Issue 4's target: memory stays flat crawling 10,000 URLs. Articles are generated on request by loopback sites
/// (their request logs off, so the servers hold nothing either); the managed heap is measured after a full
/// collection, with the working set, at the start, every quarter of the URLs, and the end.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(int urls, int hosts, string sink)
    {
        var sites = new List<LoopbackNewsSite>();
        try
        {
            var sources = new List<SourceDefinition>();
            for (int h = 0; h < hosts; h++)
            {
                LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
                site.KeepLog = false;
                sites.Add(site);
                int first = (h * urls / hosts) + 1;
                int last = (h + 1) * urls / hosts;
                List<Uri> articles = Enumerable.Range(first, last - first + 1).Select(n => site.Url(SiteContent.ArticlePath(n))).ToList();
                site.Set("/sitemap.xml", SiteResponse.Xml(SiteContent.Sitemap(articles)));
                site.Fallback = path => Generate(site, path);
                sources.Add(new SourceDefinition
                {
                    Id = "mem-" + h.ToString(CultureInfo.InvariantCulture),
                    HomeUrl = site.BaseUrl.AbsoluteUri,
                    Sitemaps = [site.Url("/sitemap.xml").AbsoluteUri],
                    MaxArticlesPerRun = urls,
                });
            }

            var network = new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0 };
            await using BenchPipeline pipeline = await BenchPipeline.CreateAsync(network, nullSink: sink == "null");
            Console.WriteLine($"memory: {urls} URLs on {hosts} hosts, sink {sink}, {Environment.ProcessorCount} cores");
            Console.WriteLine(Sample("start", 0));
            var progress = new Sampler(urls);
            var stopwatch = Stopwatch.StartNew();
            CrawlSummary summary = await pipeline.Runner.RunAsync(sources, maxParallelSources: hosts, progress);
            Console.WriteLine(Sample("end", progress.Count));
            foreach (string line in summary.ToLines())
            {
                Console.WriteLine("  " + line);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds {stopwatch.Elapsed.TotalSeconds:0.0} urls/s {progress.Count / stopwatch.Elapsed.TotalSeconds:0.0}"));
            return summary.Written == urls ? 0 : 1;
        }
        finally
        {
            foreach (LoopbackNewsSite site in sites)
            {
                await site.DisposeAsync();
            }
        }
    }

    public static string Sample(string label, int done)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // The live heap after that full collection (GC.GetTotalMemory misreads with regions on some runs).
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        double live = (info.HeapSizeBytes - info.FragmentedBytes) / 1048576.0;
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"memory {label,-8} urls {done,6} gc-heap-mb {live,7:0.0} working-set-mb {process.WorkingSet64 / 1048576.0,7:0.0} peak-working-set-mb {process.PeakWorkingSet64 / 1048576.0,7:0.0}");
    }

    private static SiteResponse? Generate(LoopbackNewsSite site, string path)
    {
        // "/tin-tuc/bai-viet-so-{n}-a{5000+n}.html"
        const string Prefix = "/tin-tuc/bai-viet-so-";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        int dash = path.IndexOf('-', Prefix.Length);
        return dash > 0 && int.TryParse(path.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            ? SiteResponse.Html(SiteContent.Article(number, site.Url(path)))
            : null;
    }

    /// <summary>Counts outcomes as they happen (synchronously) and samples memory at each quarter.</summary>
    private sealed class Sampler(int total) : IProgress<ArticleOutcome>
    {
        private readonly Lock _lock = new();

        public int Count { get; private set; }

        public void Report(ArticleOutcome value)
        {
            lock (_lock)
            {
                Count++;
                if (Count < total && Count % Math.Max(1, total / 4) == 0)
                {
                    Console.WriteLine(Sample(Count == total / 2 ? "middle" : "quarter", Count));
                }
            }
        }
    }
}
