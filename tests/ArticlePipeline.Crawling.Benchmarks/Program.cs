using System.Globalization;
using ArticlePipeline.Crawling.Benchmarks;

// Usage: dotnet run -c Release --project tests/ArticlePipeline.Crawling.Benchmarks -- politeness [hosts] [articles] [delaySeconds]
//        dotnet run -c Release --project tests/ArticlePipeline.Crawling.Benchmarks -- memory [urls] [hosts] [json|null]
// politeness: `hosts` loopback sites at one request per `delaySeconds` each share `articles` articles; one crawl pass
//             through the real stages; wall time against the politeness bound, and the hosts' own logs.
// memory:     one pass over `urls` generated articles on `hosts` sites (no politeness delay); managed heap after a full
//             collection and working set at the start, every quarter, and the end.
string mode = args.Length > 0 ? args[0] : "politeness";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

return mode switch
{
    "politeness" => await PolitenessBenchmark.RunAsync(Arg(1, 8), Arg(2, 200), args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1.0),
    "memory" => await MemoryBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 4), args.Length > 3 ? args[3] : "json"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: politeness [hosts] [articles] [delaySeconds] | memory [urls] [hosts] [json|null]");
    return 2;
}
