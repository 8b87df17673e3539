using ArticlePipeline.Core.Abstractions;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;

// Usage: dotnet run -c Release --project tests/ArticlePipeline.Output.Benchmarks -- [count] [folder]
// Writes `count` distinct records through JsonRecordSink (journal line, temp file, flush to disk, rename, manifest
// line) with `writers` concurrent writers, and in the same run two references on the same bytes: a plain
// File.WriteAllBytes, and the minimal atomic write (temp file, flush to disk, rename), the floor any atomic sink
// pays on this disk. Pin it to one core: taskset -c 0 dotnet ...Output.Benchmarks.dll 10000 /path/on/disk 4
//
// Usage: dotnet run -c Release --project tests/ArticlePipeline.Output.Benchmarks -- warc [corpus] [seconds]
// WARC capture cost against extraction on the same real pages (see WarcBenchmark).
//
// Usage: dotnet run -c Release --project tests/ArticlePipeline.Output.Benchmarks -- reprocess [corpus] [rounds]
// reprocess from WARC captures against extraction alone on the same pages, records per CPU-second (see ReprocessBenchmark).
if (args.Length > 0 && args[0] == "reprocess")
{
    await ReprocessBenchmark.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "warc")
{
    await WarcBenchmark.RunAsync(args[1..]);
    return;
}

int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
string root = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "ap-bench-" + Environment.ProcessId);
int writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;

// Writers block in fsync, not on the CPU: give the pool enough threads even when pinned to one core.
ThreadPool.SetMinThreads(Math.Max(writers, 4), 4);
Directory.CreateDirectory(root);
Console.WriteLine($"writing {count} records under {root} with {writers} concurrent writer(s) (cores available: {Environment.ProcessorCount})");

ArticleRecord[] records = Enumerable.Range(0, count).Select(MakeRecord).ToArray();

// Reference: the same serialized bytes, written without atomicity, fsync or manifest.
string plain = Path.Combine(root, "plain");
Directory.CreateDirectory(plain);
var stopwatch = Stopwatch.StartNew();
foreach (ArticleRecord record in records)
{
    File.WriteAllBytes(Path.Combine(plain, record.Id + ".json"), RecordSerializer.Serialize(record with { Revision = 1 }));
}

double plainRate = count / stopwatch.Elapsed.TotalSeconds;

// Reference 2, the floor of any atomic write: temp file, flush to disk, rename; no manifest, no journal.
string minimal = Path.Combine(root, "minimal");
Directory.CreateDirectory(minimal);
stopwatch.Restart();
foreach (ArticleRecord record in records)
{
    string target = Path.Combine(minimal, record.Id + ".json");
    string temp = target + ".tmp";
    using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
    {
        stream.Write(RecordSerializer.Serialize(record with { Revision = 1 }));
        stream.Flush(flushToDisk: true);
    }

    File.Move(temp, target);
}

double minimalRate = count / stopwatch.Elapsed.TotalSeconds;

var sink = new JsonRecordSink(Path.Combine(root, "sink"));
var memory = new List<string>();
stopwatch.Restart();
TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
int done = 0;
memory.Add(Memory(0));
await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (record, ct) =>
{
    await sink.OpenAndWriteAsync(record, cancellationToken: ct);
    if (Interlocked.Increment(ref done) == count / 2)
    {
        lock (memory)
        {
            memory.Add(Memory(count / 2));
        }
    }
});
memory.Add(Memory(count));

double seconds = stopwatch.Elapsed.TotalSeconds;
double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
Console.WriteLine($"sink (atomic + manifest): {count / seconds:F0} records/s, {seconds:F2} s wall, {cpu:F2} s CPU");
Console.WriteLine($"reference, plain WriteAllBytes (no flush, not atomic): {plainRate:F0} records/s");
Console.WriteLine($"reference, minimal atomic write (temp, flush to disk, rename): {minimalRate:F0} records/s");
Console.WriteLine($"ratio sink/minimal atomic: {count / seconds / minimalRate:F2}; sink/plain: {count / seconds / plainRate:F2}");
foreach (string line in memory)
{
    Console.WriteLine(line);
}

// A second pass over the same records: everything unchanged, nothing written.
stopwatch.Restart();
int written = 0;
foreach (ArticleRecord record in records)
{
    written += (await sink.OpenAndWriteAsync(record)).Written ? 1 : 0;
}

Console.WriteLine($"unchanged pass: {count / stopwatch.Elapsed.TotalSeconds:F0} records/s, {written} written");
Directory.Delete(root, recursive: true);

static string Memory(int written)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    using Process self = Process.GetCurrentProcess();
    return $"after {written,6} records: managed heap {GC.GetTotalMemory(false) / 1024 / 1024.0:F1} MiB, working set {self.WorkingSet64 / 1024 / 1024.0:F1} MiB";
}

static ArticleRecord MakeRecord(int i)
{
    var url = new Uri($"https://baosonghau.example.vn/tin-tuc/bai-viet-{i}-a{100000 + i}.html");
    var blocks = Enumerable.Range(0, 8)
        .Select(b => new ContentBlock(BlockKind.Paragraph, $"Đoạn {b} của bài {i}: nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm, năng suất đạt gần 6,5 tấn/ha, cao hơn vụ trước."))
        .ToImmutableArray();
    var content = new LanguageContent($"Bài viết số {i}", "Những ngày cuối tháng 6, nông dân đồng loạt thu hoạch lúa.", blocks);
    var fetchedAt = new DateTimeOffset(2025, 6, 23, 1, 0, 0, TimeSpan.Zero);
    var languages = ImmutableSortedDictionary.CreateBuilder<string, LanguageVersion>(Languages.RecordOrder);
    languages["vi"] = new LanguageVersion(TranslationStatus.Original, content, new Provenance("generic", null, null, [], fetchedAt), null);
    foreach (string language in new[] { "uk", "ru", "ro", "th" })
    {
        languages[language] = LanguageVersion.Pending("no translator configured");
    }

    return new ArticleRecord(
        ArticleIds.FromUrl(url), ArticleRecord.CurrentSchemaVersion, 0, url.AbsoluteUri, url.AbsoluteUri,
        new SourceInfo("baosonghau", "Báo Sông Hậu", "Sông Hậu", url.Host), "Báo Sông Hậu",
        new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7)), fetchedAt, ["Minh Đức"], [], "vi",
        RecordBuilder.ContentHash(content), [], ["lúa hè thu"], [], languages.ToImmutable(), null);
}
