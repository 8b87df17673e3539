using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.OperatorConsole.Benchmarks;

// Usage: dotnet run -c Release --project tests/ArticlePipeline.Console.Benchmarks -- [records] [sqlite|postgres]
// Fills a fresh state store with `records` catalogued records (100,000 by default; 20 sources, 30 % with languages
// pending, 0.5 % of pages parked, 100 runs per source, 60 days of translation usage) and the record files the article
// page opens, starts the console on 127.0.0.1:0, and prints the median and p95 of each page over HTTP, with the
// stylesheet request (the HTTP floor) as the reference. postgres reads ARTICLEPIPELINE_TEST_POSTGRES.
int records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
string provider = args.Length > 1 ? args[1] : "sqlite";
string root = Path.Combine(Path.GetTempPath(), "ap-console-bench-" + Environment.ProcessId);
Directory.CreateDirectory(root);
try
{
    var fill = Stopwatch.StartNew();
    BenchStore store = await BenchStore.FillAsync(provider, root, records);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: {records:N0} records, {store.Pending:N0} pending, {store.Parked:N0} parked, filled in {fill.Elapsed.TotalSeconds:F1} s"));
    await using (ConsoleBench bench = await ConsoleBench.StartAsync(root, store))
    {
        await bench.RunAsync(store);
    }

    await store.DropAsync();
}
finally
{
    Directory.Delete(root, recursive: true);
}
