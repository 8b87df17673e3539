using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Benchmarks;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using BenchmarkDotNet.Running;

// throughput LIST [SECONDS]: pages per second over the pages LIST names, one thread (pin the process with taskset).
// memory LIST [COUNT]:      extracts COUNT pages in a row, printing working set and GC heap at start, middle, end.
// cold LIST ENGINE:        one pass of ENGINE (articlepipeline or smartreader) in this fresh process, in CPU time.
// warm LIST [SECONDS [ENGINE]]: both engines (or ENGINE alone) after a warm-up, taking turns, pages per CPU-second and their ratio.
// stages LIST:              our CPU time per stage over one warm pass.
// quality DIR:              body-text F1 of both engines on Readability's test pages (DIR), as eval --readability.
// bdn [BenchmarkDotNet arguments]: the BenchmarkDotNet suite (BENCH_PAGES names the list file).
if (args.Length >= 1 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(ExtractionBenchmarks).Assembly).Run(args[1..]);
    return 0;
}

if (args.Length == 2 && args[0] == "quality")
{
    EngineComparison.Quality(args[1]);
    return 0;
}

if (args.Length < 2 || args[0] is not ("throughput" or "memory" or "cold" or "warm" or "stages") ||
    (args[0] == "cold" && (args.Length < 3 || !EngineComparison.Engines.ContainsKey(args[2]))))
{
    Console.Error.WriteLine("usage: throughput LIST [SECONDS] | memory LIST [COUNT] | cold LIST articlepipeline|smartreader | warm LIST [SECONDS [ENGINE]] | stages LIST | quality READABILITY-DIR | bdn [ARGS]");
    return 2;
}

List<PageContent> pages = CorpusPages.Load(args[1]);
switch (args[0])
{
    case "cold":
        EngineComparison.Cold(pages, args[2]);
        return 0;
    case "warm":
        EngineComparison.Warm(pages, args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? args[3] : null);
        return 0;
    case "stages":
        EngineComparison.Stages(pages);
        return 0;
}

var extractor = new ArticleExtractor();
var normalizer = new ArticleNormalizer();

int ExtractOne(PageContent page) =>
    extractor.Extract(page).Article is { } article ? normalizer.Normalize(article).Blocks.Length : 0;

if (args[0] == "throughput")
{
    double seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 20;

    // Warm-up: one pass, so the JIT has compiled (and tiered up) what the timed passes run.
    foreach (PageContent page in pages)
    {
        ExtractOne(page);
    }

    long bytes = pages.Sum(p => (long)p.Body.Length);
    int done = 0;
    var clock = Stopwatch.StartNew();
    do
    {
        foreach (PageContent page in pages)
        {
            ExtractOne(page);
            done++;
        }
    }
    while (clock.Elapsed.TotalSeconds < seconds);

    clock.Stop();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"articlepipeline pages {done} distinct {pages.Count} avg-kb {bytes / 1024.0 / pages.Count:0} seconds {clock.Elapsed.TotalSeconds:0.00} pages/s {done / clock.Elapsed.TotalSeconds:0.0}"));
    return 0;
}

int count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
Report("start", 0);
for (int i = 1; i <= count; i++)
{
    ExtractOne(pages[(i - 1) % pages.Count]);
    if (i == count / 2 || i == count)
    {
        Report(i == count ? "end" : "middle", i);
    }
}

return 0;

static void Report(string when, int extracted)
{
    // The heap after a full collection is what stays alive; the working set and its peak are what the OS sees.
    long live = GC.GetTotalMemory(forceFullCollection: true);
    using Process self = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"memory {when,-6} pages {extracted,5} gc-heap-mb {live / 1048576.0,7:0.0} working-set-mb {self.WorkingSet64 / 1048576.0,7:0.0} peak-working-set-mb {self.PeakWorkingSet64 / 1048576.0,7:0.0}"));
}
