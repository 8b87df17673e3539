using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Warc;
using ArticlePipeline.Output.Writing;

/// <summary>
/// How fast <c>reprocess</c> goes, against the extraction it is bound by: the same real pages (trafilatura-eval and
/// Readability's test pages) are captured gzip-encoded in WARC files and written as records, then every record is
/// reprocessed from its capture (read the WARC member, check its digest, decode, extract, normalize, compare with the
/// stored record) and, in the same run, the same pages are only extracted and normalized. Prints records per CPU-second
/// for both and their ratio. Pin it to one core: taskset -c 0.
/// </summary>
internal static class ReprocessBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        string corpus = args.Length > 0 && args[0].Length > 0 ? args[0] : WarcBenchmark.DefaultCorpus();
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        List<(Uri Url, byte[] Html)> pages = WarcBenchmark.Load(corpus);
        if (pages.Count == 0)
        {
            Console.WriteLine($"skipped: no pages under {corpus}");
            return;
        }

        string root = Path.Combine(Path.GetTempPath(), "ap-reprocess-bench-" + Environment.ProcessId);
        try
        {
            var extractor = new ArticleExtractor();
            var normalizer = new ArticleNormalizer();
            await using var captures = new WarcCaptureStore(root);
            using var sink = new JsonRecordSink(root);
            var processor = new ArticleProcessor(new NoNetwork(), extractor, normalizer, null, sink);
            var records = new List<ArticleRecord>();
            DateTimeOffset fetchedAt = DateTimeOffset.UtcNow;
            foreach ((Uri url, byte[] html) in pages)
            {
                PageCapture capture = await captures.StoreAsync(WarcBenchmark.Exchange(url, WarcBenchmark.Gzip(html), gzip: true));
                ArticleOutcome outcome = await processor.ProcessPageAsync(new PageContent(url, html, "text/html; charset=UTF-8"), fetchedAt, null, capture: capture);
                if (outcome.RecordPath is { } path && RecordSerializer.Deserialize(File.ReadAllBytes(path)) is { } record)
                {
                    records.Add(record);
                }
            }

            Console.WriteLine($"{pages.Count} pages captured, {records.Count} records written (the rest are not articles), cores available: {Environment.ProcessorCount}");
            var reprocessor = new CaptureReprocessor(captures, processor, (exchange, token) => CapturedPayload.DecodeAsync(exchange, 10 * 1024 * 1024, token));
            PageContent[] contents = [.. records.Select(r => new PageContent(new Uri(r.FetchedUrl!), pages.First(p => p.Url.AbsoluteUri == r.FetchedUrl).Html, "text/html; charset=UTF-8"))];

            var changed = 0;
            for (int round = 1; round <= rounds; round++)
            {
                (double reprocessCpu, double reprocessWall) = await MeasureAsync(async () =>
                {
                    foreach (ArticleRecord record in records)
                    {
                        if ((await reprocessor.ReprocessAsync(record, null, dryRun: false)).Kind != ArticleOutcomeKind.Unchanged)
                        {
                            changed++;
                        }
                    }
                });
                (double extractCpu, _) = await MeasureAsync(() =>
                {
                    foreach (PageContent content in contents)
                    {
                        if (extractor.Extract(content).Article is { } article)
                        {
                            normalizer.Normalize(article);
                        }
                    }

                    return Task.CompletedTask;
                });

                double reprocessRate = records.Count / reprocessCpu;
                double extractRate = contents.Length / extractCpu;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: reprocess {reprocessRate:F1} records/cpu-s ({records.Count / reprocessWall:F1}/s wall), extract+normalize {extractRate:F1} pages/cpu-s, ratio {reprocessRate / extractRate:F3}"));
            }

            Console.WriteLine($"records found changed by reprocess (expected 0: same extractor): {changed}");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("KEEP_BENCH_FOLDER") is null)
            {
                Directory.Delete(root, recursive: true);
            }
            else
            {
                Console.WriteLine("kept " + root);
            }
        }
    }

    private static async Task<(double Cpu, double Wall)> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan before = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        self.Refresh();
        return ((self.TotalProcessorTime - before).TotalSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reprocess never fetches: a fetch here is a bug the benchmark would hide.</summary>
    private sealed class NoNetwork : IPageFetcher
    {
        public Task<FetchOutcome> FetchAsync(Uri url, FetchValidators? validators = null, FetchPurpose purpose = FetchPurpose.Article, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("reprocess fetched " + url);
    }
}
