using System.IO.Compression;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Warc;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Output.Tests.Warc;

/// <summary>
/// A writer that died leaves a torn last record; the next start cuts it off and keeps every earlier record. Files of
/// live writers are not touched. Failed writes are taken back. The reader refuses garbage instead of trusting it.
/// </summary>
[TestFixture]
public sealed class WarcRecoveryTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task NextStart_TornLastRecordOfADeadWriter_IsCutOffAndEarlierRecordsKept()
    {
        (string file, List<PageCapture> captures, byte[] complete) = await WriteThreeAsync();

        // Every place a kill could cut the fourth exchange's two members.
        byte[] fourth = await OneMoreExchangeBytesAsync();
        for (int cut = 1; cut < fourth.Length; cut += Math.Max(1, fourth.Length / 37))
        {
            File.WriteAllBytes(file, [.. complete, .. fourth.AsSpan(0, cut)]);
            File.WriteAllBytes(file + ".open", []);

            var loggers = new CollectingLoggers();
            await using (var store = new WarcCaptureStore(_dir.Path, logger: new Logger<WarcCaptureStore>(loggers)))
            {
                await store.StoreAsync(Exchanges.NotFound());
            }

            using (Assert.EnterMultipleScope())
            {
                // A cut inside the request member leaves the complete response: that is a complete record too.
                long length = new FileInfo(file).Length;
                Assert.That(length, Is.EqualTo(complete.Length).Or.EqualTo(complete.Length + ResponseLength(fourth)), $"cut at {cut}");
                Assert.That(File.ReadAllBytes(file).AsSpan(0, complete.Length).SequenceEqual(complete), Is.True, "earlier bytes untouched");
                Assert.That(File.Exists(file + ".open"), Is.False, "marker removed");
                Assert.That(WarcReader.ReadAll(file).Count(), Is.GreaterThanOrEqualTo(7), "warcinfo and three pairs");
                Assert.That(loggers.Lines.Select(e => e.Message), Has.Some.Contain(Path.GetFileName(file)).And.Some.Contain("cut off"));
            }

            await using var reader = new WarcCaptureStore(_dir.Path);
            foreach (PageCapture capture in captures)
            {
                Assert.That(await reader.ReadAsync(capture), Is.Not.Null, $"cut at {cut}: {capture}");
            }
        }
    }

    [Test]
    public async Task NextStart_DeadWriterLeftNothingButAPartialWarcinfo_FileRemoved()
    {
        string warc = _dir.Combine("warc");
        Directory.CreateDirectory(warc);
        string file = Path.Combine(warc, $"articlepipeline-20261207000000000-00001-{WarcFileName.SafeHost(Environment.MachineName)}-1.warc.gz");
        File.WriteAllBytes(file, [0x1f, 0x8b, 8, 4, 0, 0]);
        File.WriteAllBytes(file + ".open", []);

        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            await store.StoreAsync(Exchanges.NotFound());
        }

        Assert.That(File.Exists(file), Is.False);
        Assert.That(File.Exists(file + ".open"), Is.False);
    }

    [Test]
    public async Task NextStart_FileStartedOnAnotherMachine_IsLeftToThatMachine()
    {
        // On a shared network folder another machine's lock may not be visible here: its files are its own to repair.
        string warc = _dir.Combine("warc");
        Directory.CreateDirectory(warc);
        string file = Path.Combine(warc, "articlepipeline-20261207000000000-00001-other-node.example-4242.warc.gz");
        byte[] partial = [0x1f, 0x8b, 8, 4, 0, 0];
        File.WriteAllBytes(file, partial);
        File.WriteAllBytes(file + ".open", []);

        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            await store.StoreAsync(Exchanges.NotFound());
        }

        Assert.That(File.ReadAllBytes(file), Is.EqualTo(partial));
        Assert.That(File.Exists(file + ".open"), Is.True);
    }

    [Test]
    public async Task NextStart_FileOfALiveWriter_IsNotTouched()
    {
        await using var live = new WarcCaptureStore(_dir.Path);
        PageCapture first = await live.StoreAsync(Exchanges.GzipArticle(1));
        string file = _dir.Combine(first.WarcFile);
        long length = new FileInfo(file).Length;

        // Another store starting on the same folder (another worker) writes its own file and leaves this one alone.
        await using (var other = new WarcCaptureStore(_dir.Path))
        {
            PageCapture theirs = await other.StoreAsync(Exchanges.GzipArticle(2));
            Assert.That(theirs.WarcFile, Is.Not.EqualTo(first.WarcFile));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new FileInfo(file).Length, Is.EqualTo(length));
            Assert.That(File.Exists(file + ".open"), Is.True, "the live writer's marker stays");
        }

        PageCapture second = await live.StoreAsync(Exchanges.GzipArticle(3));
        Assert.That(second.WarcFile, Is.EqualTo(first.WarcFile));
        Assert.That(second.Offset, Is.EqualTo(length));
    }

    [Test]
    public async Task StoreAsync_DiskFull_ThrowsStorageFullAndLeavesNoHalfRecord()
    {
        using SmallDisk disk = SmallDisk.Mount(256);
        string mount = disk.Path;
        var captures = new List<PageCapture>();
        StorageFullException? full = null;
        await using (var store = new WarcCaptureStore(mount))
        {
            for (int i = 0; i < 100 && full is null; i++)
            {
                try
                {
                    captures.Add(await store.StoreAsync(Exchanges.Random(30_000, i)));
                }
                catch (StorageFullException ex)
                {
                    full = ex;
                }
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(full, Is.Not.Null, "the tmpfs filled up");
            Assert.That(full!.Message, Does.Contain(mount));
            Assert.That(captures, Is.Not.Empty);
            string file = Directory.GetFiles(Path.Combine(mount, "warc"), "*.warc.gz").Single();
            WarcRecord[] records = WarcReader.ReadAll(file).ToArray();
            Assert.That(records, Has.Length.EqualTo(1 + (2 * captures.Count)), "every stored exchange and nothing of the failed one");
            Assert.That(records[^1].Offset + records[^1].Length, Is.EqualTo(new FileInfo(file).Length));
        }

        await using var reader = new WarcCaptureStore(mount);
        foreach (PageCapture capture in captures)
        {
            Assert.That(await reader.ReadAsync(capture), Is.Not.Null);
        }
    }

    [Test]
    public void ReadAll_NotAWarcFile_Throws()
    {
        string random = _dir.Combine("random.warc.gz");
        byte[] noise = new byte[5000];
        new Random(3).NextBytes(noise);
        File.WriteAllBytes(random, noise);

        string plainGzip = _dir.Combine("plain.warc.gz");
        File.WriteAllBytes(plainGzip, Exchanges.Gzip(Encoding.ASCII.GetBytes("WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")));

        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<InvalidDataException>(() => WarcReader.ReadAll(random).ToList());
            Assert.Throws<InvalidDataException>(() => WarcReader.ReadAll(plainGzip).ToList(), "members without their length field are not ours");
            Assert.Throws<InvalidDataException>(() => WarcReader.Read(random, 0, 5000));
            Assert.Throws<InvalidDataException>(() => WarcReader.Read(random, 4000, 5000), "past the end");
        }
    }

    [Test]
    public void Read_AbsurdContentLengthOrEndlessFields_RefusedWithoutAllocating()
    {
        string huge = _dir.Combine("huge.warc.gz");
        File.WriteAllBytes(huge, Member("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 9000000000000\r\n\r\nabc"));
        string lying = _dir.Combine("lying.warc.gz");
        File.WriteAllBytes(lying, Member("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 200000000\r\n\r\nabc"));
        string endless = _dir.Combine("endless.warc.gz");
        File.WriteAllBytes(endless, Member("WARC/1.1\r\nX-Padding: " + new string('a', 200_000) + "\r\n\r\n"));
        string notWarc = _dir.Combine("notwarc.warc.gz");
        File.WriteAllBytes(notWarc, Member("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => WarcReader.ReadAll(huge).ToList(), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("Content-Length"));
            Assert.That(() => WarcReader.ReadAll(lying).ToList(), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("Content-Length"));
            Assert.That(() => WarcReader.ReadAll(endless).ToList(), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("fields"));
            Assert.That(() => WarcReader.ReadAll(notWarc).ToList(), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("not a WARC record"));
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(20_000_000), "no buffer sized by a claimed length");
    }

    [Test]
    public async Task Read_FlippedByteInACompressedRecord_Refused()
    {
        PageCapture capture;
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            capture = await store.StoreAsync(Exchanges.BinaryImage());
        }

        string file = _dir.Combine(capture.WarcFile);
        byte[] bytes = File.ReadAllBytes(file);
        bytes[capture.Offset + (capture.Length / 2)] ^= 0x55;
        File.WriteAllBytes(file, bytes);

        Assert.That(() => WarcReader.Read(file, capture.Offset, capture.Length), Throws.InstanceOf<InvalidDataException>());
        await using var reader = new WarcCaptureStore(_dir.Path);
        Assert.That(await reader.ReadAsync(capture), Is.Null);
    }

    private async Task<(string File, List<PageCapture> Captures, byte[] Bytes)> WriteThreeAsync()
    {
        var captures = new List<PageCapture>();
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            captures.Add(await store.StoreAsync(Exchanges.GzipArticle(1)));
            captures.Add(await store.StoreAsync(Exchanges.BinaryImage()));
            captures.Add(await store.StoreAsync(Exchanges.RawUtf8Headers()));
        }

        string file = _dir.Combine(captures[0].WarcFile);
        return (file, captures, File.ReadAllBytes(file));
    }

    // The two members one more exchange adds, taken from a file written elsewhere.
    private static async Task<byte[]> OneMoreExchangeBytesAsync()
    {
        using var other = new TempDirectory();
        PageCapture capture;
        await using (var store = new WarcCaptureStore(other.Path))
        {
            capture = await store.StoreAsync(Exchanges.GzipArticle(9));
        }

        return File.ReadAllBytes(other.Combine(capture.WarcFile))[(int)capture.Offset..];
    }

    private static long ResponseLength(byte[] members)
    {
        using var stream = new MemoryStream(members);
        return GzipMember.ReadLength(stream, 0, members.Length);
    }

    private static byte[] Member(string record) => GzipMember.Compress(Encoding.ASCII.GetBytes(record), CompressionLevel.Fastest);
}
