using System.Globalization;
using ArticlePipeline.Crawling.Benchmarks;

// Usage: dotnet run -c Release --project tests/ArticlePipeline.Crawling.Benchmarks -- politeness [hosts] [articles] [delaySeconds]
//        dotnet run -c Release --project tests/ArticlePipeline.Crawling.Benchmarks -- memory [urls] [hosts] [json|null]
//        dotnet run -c Release --project tests/ArticlePipeline.Crawling.Benchmarks -- discovery [documents] [gzipMiB]
// politeness: `hosts` loopback sites at one request per `delaySeconds` each share `articles` articles; one crawl pass
//             through the real stages; wall time against the politeness bound, and the hosts' own logs.
// memory:     one pass over `urls` generated articles on `hosts` sites (no politeness delay); managed heap after a full
//             collection and working set at the start, every quarter, and the end.
// discovery:  one source's sitemap index of `documents` gzip sitemaps of `gzipMiB` each on a loopback site; time and
//             peak memory of its discovery under the default caps, against a bare XmlReader over the same bytes.
// parse-probe: where one 100,000-link gzip sitemap's parse spends its time (parse, bounded set, canonicalizing, dates).
string mode = args.Length > 0 ? args[0] : "politeness";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

return mode switch
{
    "politeness" => await PolitenessBenchmark.RunAsync(Arg(1, 8), Arg(2, 200), args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1.0),
    "memory" => await MemoryBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 4), args.Length > 3 ? args[3] : "json"),
    "discovery" => await DiscoveryBenchmark.RunAsync(Arg(1, 50), Arg(2, 10)),
    "parse-probe" => ParseProbe.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: politeness [hosts] [articles] [delaySeconds] | memory [urls] [hosts] [json|null] | discovery [documents] [gzipMiB]");
    return 2;
}
