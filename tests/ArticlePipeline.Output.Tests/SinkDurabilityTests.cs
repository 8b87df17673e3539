using ArticlePipeline.Core.Abstractions;
using System.Diagnostics;
using System.Text.Json;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Output.Tests;

/// <summary>
/// Failures of the disk are reported with the path and lose nothing else; a crash between the rename and the
/// manifest line is repaired on the next start. Disk-full and read-only cases use a real tmpfs and a read-only
/// bind mount, so they need root; they are skipped elsewhere.
/// </summary>
[TestFixture]
public sealed class SinkDurabilityTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task WriteAsync_Updated_ManifestNamesWhatChanged()
    {
        var sink = new JsonRecordSink(_dir.Path);
        await sink.OpenAndWriteAsync(Records.Sample());
        ArticleRecord changed = Records.Sample(firstParagraph: "Nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh mưa.") with
        {
            PublishedAt = new DateTimeOffset(2025, 6, 24, 8, 0, 0, TimeSpan.FromHours(7)),
        };

        await sink.OpenAndWriteAsync(changed);

        ManifestEntry[] entries = ReadManifest();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries.Select(e => e.Change), Is.EqualTo(new[] { "created", "updated" }));
            Assert.That(entries[1].Changes, Does.Contain("content").And.Contain("publishedAt").And.Contain("languages.vi"));
            Assert.That(entries[1].Changes, Does.Not.Contain("authors"));
        }
    }

    [Test]
    public async Task Recovery_CrashAfterRenameBeforeManifest_AppendsTheMissingLineOnce()
    {
        WriteResult written;
        using (var sink = new JsonRecordSink(_dir.Path))
        {
            written = await sink.OpenAndWriteAsync(Records.Sample());
        }

        ManifestEntry line = ReadManifest().Single();

        // Simulate the crash window: the record is in place, its line in a dead sink's journal, not in the manifest.
        string manifest = Directory.GetFiles(_dir.Combine("manifest"), "*.jsonl").Single();
        File.WriteAllText(manifest, string.Empty);
        WriteOrphanJournal(line);

        var loggers = new CollectingLoggers();
        using (var restarted = new JsonRecordSink(_dir.Path, logger: loggers.CreateLogger<JsonRecordSink>()))
        {
            await restarted.OpenAndWriteAsync(Records.Sample());
        }

        using (var again = new JsonRecordSink(_dir.Path, logger: loggers.CreateLogger<JsonRecordSink>()))
        {
            await again.OpenAndWriteAsync(Records.Sample(sourceId: "other"));
        }

        ManifestEntry[] entries = ReadManifest();
        using (Assert.EnterMultipleScope())
        {
            string relative = Path.GetRelativePath(_dir.Path, written.Path).Replace('\\', '/');
            Assert.That(entries.Count(e => e.Path == relative), Is.EqualTo(1), "the lost line comes back exactly once");
            Assert.That(Directory.GetFiles(_dir.Combine("manifest", ".journal")), Is.Empty, "journals of closed sinks are gone");
            Assert.That(loggers.Lines.Select(l => l.Message), Has.One.Contains("1 manifest line(s) recovered"), "the recovery is logged for the operator");
        }
    }

    [Test]
    public async Task Recovery_CrashBeforeRename_DropsTheJournalLineAndNamesNothing()
    {
        ArticleRecord record = Records.Sample() with { Revision = 1 };
        string path;
        using (var probe = new JsonRecordSink(_dir.Path))
        {
            path = probe.RecordPath(record.Source.Id, record.Id);
        }

        var promised = new ManifestEntry(DateTimeOffset.UtcNow, record.Id, 1, record.SchemaVersion, Path.GetRelativePath(_dir.Path, path), record.ContentHash, "created", record.Url, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty, []);
        WriteOrphanJournal(promised);

        using (var sink = new JsonRecordSink(_dir.Path))
        {
            await sink.OpenAndWriteAsync(Records.Sample(sourceId: "other"));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ReadManifest().Select(e => e.Path), Has.None.EqualTo(promised.Path), "a record that never reached the disk is never named");
            Assert.That(File.Exists(path), Is.False);
        }
    }

    [Test]
    public async Task Journal_OfALiveSink_IsNotReplayedByAnother()
    {
        using var live = new JsonRecordSink(_dir.Path);
        await live.OpenAndWriteAsync(Records.Sample());

        using (var other = new JsonRecordSink(_dir.Path))
        {
            await other.OpenAndWriteAsync(Records.Sample(sourceId: "other"));
        }

        string livePath = Path.GetRelativePath(_dir.Path, live.RecordPath("baosonghau", Records.Sample().Id)).Replace('\\', '/');
        Assert.That(ReadManifest().Count(e => e.Path == livePath), Is.EqualTo(1), "the live sink's line is not appended a second time");
    }

    [Test]
    public async Task AppendManifest_TornLastLine_IsCutBeforeTheNextLine()
    {
        using (var first = new JsonRecordSink(_dir.Path))
        {
            await first.OpenAndWriteAsync(Records.Sample());
        }

        string manifest = Directory.GetFiles(_dir.Combine("manifest"), "*.jsonl").Single();
        File.AppendAllText(manifest, "{\"at\":\"2025-06-23T0");

        using (var next = new JsonRecordSink(_dir.Path))
        {
            await next.OpenAndWriteAsync(Records.Sample(sourceId: "other"));
        }

        ManifestEntry?[] lines = File.ReadAllLines(manifest).Select(RecordSerializer.DeserializeManifestLine).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines, Has.All.Not.Null);
        }
    }

    [Test]
    public async Task WriteAsync_PathTooLong_ThrowsIOExceptionNamingThePath()
    {
        string deep = _dir.Combine(new string('d', 250), new string('e', 250), new string('f', 250));
        var sink = new JsonRecordSink(Path.Combine(deep, new string('g', 300)));

        IOException? error = Assert.ThrowsAsync<IOException>(() => sink.OpenAndWriteAsync(Records.Sample()));

        Assert.That(error!.Message, Does.Contain("records").And.Contain(".json").Or.Contain("manifest"));
    }

    [Test]
    public async Task WriteAsync_DiskFull_ReportsThePathAndKeepsEarlierRecordsIntact()
    {
        string mount = _dir.Combine("small");
        Directory.CreateDirectory(mount);
        if (!Run("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", mount))
        {
            Assert.Ignore("needs root and mount to create a small tmpfs");
        }

        try
        {
            var sink = new JsonRecordSink(mount);
            var written = new List<WriteResult>();
            IOException? full = null;
            for (int i = 0; i < 200 && full is null; i++)
            {
                try
                {
                    written.Add(await sink.OpenAndWriteAsync(Records.Sample(sourceId: "s" + i, firstParagraph: new string('x', 2000) + i)));
                }
                catch (IOException ex)
                {
                    full = ex;
                }
            }

            using (Assert.EnterMultipleScope())
            {
                Assert.That(full, Is.Not.Null, "the tmpfs filled up");
                Assert.That(full!.Message, Does.Contain(mount));
                Assert.That(written, Is.Not.Empty);
                foreach (WriteResult result in written)
                {
                    Assert.That(RecordSerializer.Deserialize(File.ReadAllBytes(result.Path)), Is.Not.Null, result.Path);
                }

                Assert.That(Directory.GetFiles(mount, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temp file left behind");
            }
        }
        finally
        {
            Run("umount", "-l", mount);
        }
    }

    [Test]
    public async Task WriteAsync_ReadOnlyFolder_ReportsThePath()
    {
        string source = _dir.Combine("rw");
        string mount = _dir.Combine("ro");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(mount);
        if (!Run("mount", "--bind", source, mount) || !Run("mount", "-o", "remount,bind,ro", mount))
        {
            Run("umount", mount);
            Assert.Ignore("needs root and mount to create a read-only bind mount");
        }

        try
        {
            var sink = new JsonRecordSink(mount);

            IOException? error = Assert.ThrowsAsync<IOException>(() => sink.OpenAndWriteAsync(Records.Sample()));

            Assert.That(error!.Message, Does.Contain(mount));
        }
        finally
        {
            Run("umount", "-l", mount);
        }

        await Task.CompletedTask;
    }

    private void WriteOrphanJournal(ManifestEntry entry)
    {
        Directory.CreateDirectory(_dir.Combine("manifest", ".journal"));
        File.WriteAllText(_dir.Combine("manifest", ".journal", "dead-sink.jsonl"), RecordSerializer.SerializeManifestLine(entry) + "\n");
    }

    private ManifestEntry[] ReadManifest() =>
        Directory.GetFiles(_dir.Combine("manifest"), "*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(l => RecordSerializer.DeserializeManifestLine(l)!)
            .ToArray();

    private static bool Run(string command, params string[] args)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using Process process = Process.Start(start)!;
            process.WaitForExit(10_000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
