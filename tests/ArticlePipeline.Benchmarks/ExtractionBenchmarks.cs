using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using BenchmarkDotNet.Attributes;

namespace ArticlePipeline.Benchmarks;

/// <summary>
/// BenchmarkDotNet view of the same work the throughput mode times: extract and normalize every corpus page once.
/// The page list comes from the <c>BENCH_PAGES</c> environment variable (a file with one path per line).
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private readonly ArticleExtractor _extractor = new();
    private readonly ArticleNormalizer _normalizer = new();
    private List<PageContent> _pages = [];

    [GlobalSetup]
    public void Setup() =>
        _pages = CorpusPages.Load(Environment.GetEnvironmentVariable("BENCH_PAGES") ?? throw new InvalidOperationException("set BENCH_PAGES"));

    [Benchmark(Description = "extract + normalize every corpus page")]
    public int ExtractCorpus()
    {
        int found = 0;
        foreach (PageContent page in _pages)
        {
            if (_extractor.Extract(page).Article is { } article)
            {
                found += _normalizer.Normalize(article).Blocks.Length;
            }
        }

        return found;
    }
}
