using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Evaluation;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Benchmarks;

/// <summary>
/// Our extractor against SmartReader (a C# port of Mozilla Readability on AngleSharp, the reference) on the same
/// pages, measured in CPU time of this process so another load on the machine does not count: pages per CPU-second,
/// cold (the first pass of a fresh process, JIT included) and warm (after a warm-up pass, the two engines taking
/// turns so both see the same machine state).
/// </summary>
internal static class EngineComparison
{
    private static readonly ArticleExtractor Extractor = new();
    private static readonly ArticleNormalizer Normalizer = new();

    /// <summary>The engines by name: each reads the page's bytes and returns the length of the text it extracted.</summary>
    public static readonly IReadOnlyDictionary<string, Func<PageContent, int>> Engines = new Dictionary<string, Func<PageContent, int>>(StringComparer.Ordinal)
    {
        ["articlepipeline"] = Ours,
        ["smartreader"] = SmartReaderText,
    };

    /// <summary><c>cold LIST ENGINE</c>: one pass of one engine in this (fresh) process.</summary>
    public static void Cold(List<PageContent> pages, string engine)
    {
        Func<PageContent, int> extract = Engines[engine];
        TimeSpan start = Environment.CpuUsage.TotalTime;
        TimeSpan jitStart = System.Runtime.JitInfo.GetCompilationTime();
        long methodsStart = System.Runtime.JitInfo.GetCompiledMethodCount();
        TimeSpan firstPage = TimeSpan.Zero;
        foreach (PageContent page in pages)
        {
            extract(page);
            if (firstPage == TimeSpan.Zero)
            {
                firstPage = Environment.CpuUsage.TotalTime - start;
            }
        }

        TimeSpan cpu = Environment.CpuUsage.TotalTime - start;
        Print(engine, "cold", pages.Count, cpu, string.Create(
            CultureInfo.InvariantCulture,
            $" first-page-ms {firstPage.TotalMilliseconds:0} jit-ms {(System.Runtime.JitInfo.GetCompilationTime() - jitStart).TotalMilliseconds:0} methods-jitted {System.Runtime.JitInfo.GetCompiledMethodCount() - methodsStart}"));
    }

    /// <summary><c>warm LIST [SECONDS [ENGINE]]</c>: both engines (or one), warmed up, alternating passes until each has run SECONDS of CPU.</summary>
    public static void Warm(List<PageContent> pages, double seconds, string? only = null)
    {
        Dictionary<string, Func<PageContent, int>> engines = Engines
            .Where(e => only is null || e.Key == only)
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        // Warm means the JIT has settled: tiered compilation (and dynamic PGO's instrumented tier) keeps recompiling hot
        // methods for many seconds on a loaded core, and one pass left both engines measured half-compiled. Passes
        // repeat, at least three, until one compiles fewer than 20 methods (at most 60 CPU-seconds of warm-up).
        TimeSpan warmUpStart = Environment.CpuUsage.TotalTime;
        int warmUpPasses = 0;
        long compiled;
        do
        {
            long before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (Func<PageContent, int> extract in engines.Values)
            {
                pages.ForEach(p => extract(p));
            }

            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            warmUpPasses++;
        }
        while ((warmUpPasses < 3 || compiled >= 20) && (Environment.CpuUsage.TotalTime - warmUpStart).TotalSeconds < 60);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"warm-up passes {warmUpPasses} cpu-seconds {(Environment.CpuUsage.TotalTime - warmUpStart).TotalSeconds:0.0} methods compiled in the last {compiled}"));

        var cpu = engines.Keys.ToDictionary(k => k, _ => TimeSpan.Zero);
        var done = engines.Keys.ToDictionary(k => k, _ => 0);
        var gen2 = engines.Keys.ToDictionary(k => k, _ => 0);
        var allocated = engines.Keys.ToDictionary(k => k, _ => 0L);
        var paused = engines.Keys.ToDictionary(k => k, _ => TimeSpan.Zero);
        var jitted = engines.Keys.ToDictionary(k => k, _ => 0L);
        while (cpu.Values.Min().TotalSeconds < seconds)
        {
            foreach ((string name, Func<PageContent, int> extract) in engines)
            {
                TimeSpan start = Environment.CpuUsage.TotalTime;
                int collections = GC.CollectionCount(2);
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                TimeSpan pause = GC.GetTotalPauseDuration();
                long methods = System.Runtime.JitInfo.GetCompiledMethodCount();
                foreach (PageContent page in pages)
                {
                    extract(page);
                }

                cpu[name] += Environment.CpuUsage.TotalTime - start;
                allocated[name] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                paused[name] += GC.GetTotalPauseDuration() - pause;
                jitted[name] += System.Runtime.JitInfo.GetCompiledMethodCount() - methods;
                gen2[name] += GC.CollectionCount(2) - collections;
                done[name] += pages.Count;
            }
        }

        foreach (string name in engines.Keys)
        {
            Print(name, "warm", done[name], cpu[name], string.Create(CultureInfo.InvariantCulture, $" allocated-mb/page {allocated[name] / 1e6 / done[name]:0.00} gc-pause-share {paused[name] / cpu[name]:0.00} methods-jitted {jitted[name]} gen2-collections {gen2[name]}"));
        }

        if (engines.Count < Engines.Count)
        {
            return;
        }

        double ours = done["articlepipeline"] / cpu["articlepipeline"].TotalSeconds;
        double theirs = done["smartreader"] / cpu["smartreader"].TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio articlepipeline/smartreader warm {ours / theirs:0.00}x"));
    }

    /// <summary><c>stages LIST</c>: where our CPU goes, per stage, over one warm pass.</summary>
    public static void Stages(List<PageContent> pages)
    {
        pages.ForEach(p => Ours(p));
        var parse = new Stopwatch();
        var extract = new Stopwatch();
        var normalize = new Stopwatch();
        foreach (PageContent page in pages)
        {
            parse.Start();
            string html = Extraction.Decoding.PageDecoder.Decode(page.Body.Span, page.ContentType);
            using var document = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions { IsScripting = false }).ParseDocument(html);
            parse.Stop();
            extract.Start();
            ExtractionOutcome outcome = Extractor.Extract(page);
            extract.Stop();
            normalize.Start();
            if (outcome.Article is { } article)
            {
                Normalizer.Normalize(article);
            }

            normalize.Stop();
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"stages pages {pages.Count} decode+parse-ms {parse.Elapsed.TotalMilliseconds:0} extract-ms (decode, parse, find, assemble) {extract.Elapsed.TotalMilliseconds:0} normalize-ms {normalize.Elapsed.TotalMilliseconds:0}"));
    }

    /// <summary>
    /// <c>quality READABILITY-DIR</c>: body-text shingle F1 of both engines on Mozilla Readability's test pages,
    /// scored like <c>eval --readability</c>, so speed is compared at known quality.
    /// </summary>
    public static void Quality(string directory)
    {
        var scores = Engines.Keys.ToDictionary(k => k, _ => new List<ShingleScore>());
        foreach (string folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            string source = Path.Combine(folder, "source.html");
            string expected = Path.Combine(folder, "expected.html");
            if (!File.Exists(source) || !File.Exists(expected))
            {
                continue;
            }

            var page = new PageContent(new Uri("http://fakehost/test/page.html"), File.ReadAllBytes(source), "text/html");
            string truth = HtmlText.Of(File.ReadAllText(expected));
            ExtractionOutcome outcome = Extractor.Extract(page);
            scores["articlepipeline"].Add(ShingleScorer.Score(truth, outcome.Article is { } a ? ExtractionEvaluation.BodyText(Normalizer.Normalize(a)) : string.Empty));
            using var stream = new MemoryStream(page.Body.ToArray(), writable: false);
            SmartReader.Article article = new SmartReader.Reader(page.Url.AbsoluteUri, stream).GetArticle();
            scores["smartreader"].Add(ShingleScorer.Score(truth, article.IsReadable ? HtmlText.Of(article.Content ?? string.Empty) : string.Empty));
        }

        foreach ((string name, List<ShingleScore> engine) in scores)
        {
            Console.WriteLine($"{name} {ShingleScorer.Summarize(engine)}");
        }
    }

    private static int Ours(PageContent page) =>
        Extractor.Extract(page).Article is { } article ? Normalizer.Normalize(article).Blocks.Sum(b => b.Text.Length) : 0;

    // SmartReader is given the same bytes (it detects the charset itself) and returns its article's text.
    private static int SmartReaderText(PageContent page)
    {
        using var stream = new MemoryStream(page.Body.ToArray(), writable: false);
        SmartReader.Article article = new SmartReader.Reader(page.Url.AbsoluteUri, stream).GetArticle();
        return article.IsReadable ? article.TextContent.Length : 0;
    }

    private static void Print(string engine, string when, int pages, TimeSpan cpu, string extra = "") =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{engine} {when} pages {pages} cpu-seconds {cpu.TotalSeconds:0.00} pages/cpu-s {pages / cpu.TotalSeconds:0.0}{extra}"));
}
