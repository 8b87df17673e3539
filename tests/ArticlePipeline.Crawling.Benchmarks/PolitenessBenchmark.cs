using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>
/// Issue 4's target: with 8 hosts at 1 request/second each, a pass over 200 articles finishes within 10% of the
/// politeness bound (200/8 seconds plus discovery). The bound is the least time the rules allow: each host's
/// requests (robots.txt, home page, feed, its articles) one delay apart, the first one at once.
/// </summary>
internal static class PolitenessBenchmark
{
    public static async Task<int> RunAsync(int hosts, int articles, double delaySeconds)
    {
        var sites = new List<LoopbackNewsSite>();
        try
        {
            var sources = new List<SourceDefinition>();
            for (int h = 0; h < hosts; h++)
            {
                LoopbackNewsSite site = await LoopbackNewsSite.StartAsync();
                sites.Add(site);
                int first = (h * articles / hosts) + 1;
                int count = ((h + 1) * articles / hosts) - (first - 1);
                SiteContent.Publish(site, first, count);
                sources.Add(new SourceDefinition
                {
                    Id = "host-" + h.ToString(CultureInfo.InvariantCulture),
                    Name = "Host " + h.ToString(CultureInfo.InvariantCulture),
                    HomeUrl = site.BaseUrl.AbsoluteUri,
                    MaxArticlesPerRun = 1000,
                });
            }

            var network = new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = delaySeconds };
            await using BenchPipeline pipeline = await BenchPipeline.CreateAsync(network, nullSink: false);
            Console.WriteLine($"politeness: {hosts} hosts, {articles} articles, {delaySeconds.ToString(CultureInfo.InvariantCulture)} s between requests per host, {Environment.ProcessorCount} cores");

            var stopwatch = Stopwatch.StartNew();
            CrawlSummary summary = await pipeline.Runner.RunAsync(sources, maxParallelSources: hosts);
            TimeSpan wall = stopwatch.Elapsed;
            foreach (LoopbackNewsSite site in sites)
            {
                await site.WaitIdleAsync();
            }

            foreach (string line in summary.ToLines())
            {
                Console.WriteLine("  " + line);
            }

            int perHost = sites.Max(s => s.Requests.Count);
            int discovery = sites.Max(s => s.Requests.Count(r => !r.Path.StartsWith("/tin-tuc/", StringComparison.Ordinal)));
            double bound = (perHost - 1) * delaySeconds;
            double issueBound = ((double)articles / hosts + discovery) * delaySeconds;
            foreach (LoopbackNewsSite site in sites)
            {
                IReadOnlyCollection<LoggedRequest> log = site.Requests;
                TimeSpan span = log.Max(r => r.At) - log.Min(r => r.At);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  host {site.Authority,-16} requests {log.Count,3} span-s {span.TotalSeconds,6:0.000} min-gap-s {RequestLog.MinimumGap(log).TotalSeconds:0.000} max-in-flight {RequestLog.MaximumInFlight(log)} max-per-{delaySeconds:0.#}s {RequestLog.MaximumInWindow(log, TimeSpan.FromSeconds(delaySeconds))}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wall-s {wall.TotalSeconds:0.000} bound-s {bound:0.000} (requests per host {perHost}, discovery {discovery}: {perHost - 1} gaps of {delaySeconds:0.###} s) ratio {wall.TotalSeconds / bound:0.000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"issue bound {articles}/{hosts} s + discovery {discovery} s = {issueBound:0.000} s, ratio {wall.TotalSeconds / issueBound:0.000}"));
            return summary.Written == articles ? 0 : 1;
        }
        finally
        {
            foreach (LoopbackNewsSite site in sites)
            {
                await site.DisposeAsync();
            }
        }
    }
}
