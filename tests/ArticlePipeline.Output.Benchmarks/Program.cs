using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;

// Usage: dotnet run -c Release --project tests/ArticlePipeline.Output.Benchmarks -- [count] [folder]
// Writes `count` distinct records through JsonRecordSink (intent file, temp file, fsync, rename, manifest line
// with fsync) and, as the reference in the same run, the same bytes with a plain File.WriteAllBytes.
int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
string root = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "ap-bench-" + Environment.ProcessId);
Directory.CreateDirectory(root);
Console.WriteLine($"writing {count} records under {root} (cores available: {Environment.ProcessorCount})");

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

var sink = new JsonRecordSink(Path.Combine(root, "sink"));
var memory = new List<string>();
stopwatch.Restart();
TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
for (int i = 0; i < count; i++)
{
    await sink.WriteAsync(records[i]);
    if (i == 0 || i == count / 2 || i == count - 1)
    {
        memory.Add(Memory(i + 1));
    }
}

double seconds = stopwatch.Elapsed.TotalSeconds;
double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
Console.WriteLine($"sink (atomic + manifest): {count / seconds:F0} records/s, {seconds:F2} s wall, {cpu:F2} s CPU");
Console.WriteLine($"reference (plain WriteAllBytes): {plainRate:F0} records/s");
Console.WriteLine($"ratio sink/reference: {count / seconds / plainRate:F2}");
foreach (string line in memory)
{
    Console.WriteLine(line);
}

// A second pass over the same records: everything unchanged, nothing written.
stopwatch.Restart();
int written = 0;
foreach (ArticleRecord record in records)
{
    written += (await sink.WriteAsync(record)).Written ? 1 : 0;
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
        ArticleIds.FromUrl(url), ArticleRecord.CurrentSchemaVersion, 0, url.AbsoluteUri,
        new SourceInfo("baosonghau", "Báo Sông Hậu", "Sông Hậu", url.Host), "Báo Sông Hậu",
        new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7)), fetchedAt, ["Minh Đức"], "vi",
        RecordBuilder.ContentHash(content), [], ["lúa hè thu"], [], languages.ToImmutable());
}
