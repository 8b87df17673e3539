using ArticlePipeline.Testing.Warc;
using System.Security.Cryptography;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Warc;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Output.Tests.Warc;

/// <summary>The WARC capture store writes what was received, reads it back, and is read the same way by warcio.js.</summary>
[TestFixture]
public sealed class WarcCaptureStoreTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static HttpExchange[] Samples() =>
        [Exchanges.GzipArticle(1), Exchanges.BinaryImage(), Exchanges.RawUtf8Headers(), Exchanges.NotFound(), Exchanges.GzipArticle(2)];

    [Test]
    public async Task StoreAsync_ThenReadAsync_ReturnsTheExchangeAsReceived()
    {
        HttpExchange[] samples = Samples();
        var captures = new List<PageCapture>();
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            foreach (HttpExchange exchange in samples)
            {
                captures.Add(await store.StoreAsync(exchange));
            }
        }

        // A new store (a later process) reads what the first wrote.
        await using var reader = new WarcCaptureStore(_dir.Path);
        for (int i = 0; i < samples.Length; i++)
        {
            HttpExchange expected = samples[i];
            HttpExchange? actual = await reader.ReadAsync(captures[i]);
            Assert.That(actual, Is.Not.Null, expected.TargetUri.ToString());
            using (Assert.EnterMultipleScope())
            {
                Assert.That(actual!.TargetUri, Is.EqualTo(expected.TargetUri));
                Assert.That(actual.Method, Is.EqualTo("GET"));
                Assert.That(actual.HttpVersion, Is.EqualTo(expected.HttpVersion));
                Assert.That(actual.Status, Is.EqualTo(expected.Status));
                Assert.That(actual.Reason, Is.EqualTo(expected.Reason));
                Assert.That(actual.ResponseHeaders, Is.EqualTo(expected.ResponseHeaders));
                Assert.That(actual.Payload.ToArray(), Is.EqualTo(expected.Payload.ToArray()));
                Assert.That(actual.RemoteAddress, Is.EqualTo(expected.RemoteAddress));
                Assert.That(actual.Date, Is.EqualTo(expected.Date));
                Assert.That(actual.RequestHeaders.Where(h => h.Key != "Host"), Is.EqualTo(expected.RequestHeaders.Where(h => h.Key != "Host")));
                Assert.That(actual.RequestHeaders.Single(h => h.Key == "Host").Value, Is.EqualTo(expected.TargetUri.IdnHost));
            }
        }
    }

    [Test]
    public async Task StoreAsync_RawUtf8HeaderBytes_AreWrittenByteForByte()
    {
        HttpExchange exchange = Exchanges.RawUtf8Headers();
        PageCapture capture;
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            capture = await store.StoreAsync(exchange);
        }

        WarcRecord record = WarcReader.Read(_dir.Combine(capture.WarcFile), capture.Offset, capture.Length);

        // The header line holds the UTF-8 bytes the server sent, not their Latin-1 characters re-encoded.
        byte[] expected = Encoding.UTF8.GetBytes("Content-Disposition: inline; filename=\"ข่าว-урожай-bài viết.html\"\r\n");
        Assert.That(record.Block.Span.IndexOf(expected), Is.GreaterThan(0));
    }

    [Test]
    public async Task StoreAsync_Capture_NamesTheResponseMemberAndItsPayloadDigest()
    {
        HttpExchange exchange = Exchanges.GzipArticle();
        PageCapture capture, empty;
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            capture = await store.StoreAsync(exchange);
            empty = await store.StoreAsync(Exchanges.NotFound());
        }

        WarcRecord record = WarcReader.Read(_dir.Combine(capture.WarcFile), capture.Offset, capture.Length);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(capture.WarcFile, Does.Match(@"^warc/articlepipeline-\d{17}-\d{5}-[A-Za-z0-9.-]+-\d+\.warc\.gz$"));
            Assert.That(record.Type, Is.EqualTo("response"));
            Assert.That(record.Field("Content-Type"), Is.EqualTo("application/http;msgtype=response"));
            Assert.That(record.TargetUri, Is.EqualTo(exchange.TargetUri.AbsoluteUri));
            Assert.That(record.Field("WARC-IP-Address"), Is.EqualTo("203.0.113.7"));
            Assert.That(record.Field("WARC-Date"), Is.EqualTo("2026-12-07T01:02:03.456789Z"));
            Assert.That(record.RecordId, Does.Match("^<urn:uuid:[0-9a-f-]{36}>$"));
            Assert.That(capture.Digest, Is.EqualTo(Sha1Base32(exchange.Payload.Span)));
            Assert.That(record.Field("WARC-Payload-Digest"), Is.EqualTo(capture.Digest));
            Assert.That(record.Field("WARC-Block-Digest"), Is.EqualTo(Sha1Base32(record.Block.Span)));
            Assert.That(record.Field("Content-Length"), Is.EqualTo(record.Block.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            // The well-known SHA-1 of nothing, in base32.
            Assert.That(empty.Digest, Is.EqualTo("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"));
        }
    }

    [Test]
    public async Task ReadAll_File_IsWarcinfoThenResponseAndRequestPairsLinkedByConcurrentTo()
    {
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            foreach (HttpExchange exchange in Samples())
            {
                await store.StoreAsync(exchange);
            }
        }

        string file = Directory.GetFiles(_dir.Combine("warc"), "*.warc.gz").Single();
        WarcRecord[] records = WarcReader.ReadAll(file).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Select(r => r.Type), Is.EqualTo(new[] { "warcinfo" }.Concat(Enumerable.Repeat(new[] { "response", "request" }, 5).SelectMany(p => p))));
            Assert.That(records[0].Field("WARC-Filename"), Is.EqualTo(Path.GetFileName(file)));
            Assert.That(records[0].Field("Content-Type"), Is.EqualTo("application/warc-fields"));
            Assert.That(Encoding.UTF8.GetString(records[0].Block.Span), Does.Contain("software: ArticlePipeline/").And.Contain("format: WARC File Format 1.1"));
            for (int i = 1; i < records.Length; i += 2)
            {
                WarcRecord response = records[i], request = records[i + 1];
                Assert.That(request.Field("WARC-Concurrent-To"), Is.EqualTo(response.RecordId));
                Assert.That(response.Field("WARC-Concurrent-To"), Is.EqualTo(request.RecordId));
                Assert.That(request.Field("Content-Type"), Is.EqualTo("application/http;msgtype=request"));
                Assert.That(Encoding.Latin1.GetString(request.Block.Span), Does.StartWith("GET " + new Uri(response.TargetUri!).PathAndQuery + " HTTP/"));
                Assert.That(request.Offset, Is.EqualTo(response.Offset + response.Length));
            }

            Assert.That(records.Select(r => r.RecordId).Distinct().Count(), Is.EqualTo(records.Length));
            Assert.That(records[^1].Offset + records[^1].Length, Is.EqualTo(new FileInfo(file).Length));
        }

        Assert.That(Directory.GetFiles(_dir.Combine("warc"), "*.open"), Is.Empty, "the marker is removed on dispose");
    }

    [Test]
    public async Task StoreAsync_PastMaxBytes_StartsANewFileWithItsOwnWarcinfo()
    {
        const long Max = 30_000;
        var captures = new List<PageCapture>();
        await using (var store = new WarcCaptureStore(_dir.Path, Max))
        {
            for (int i = 0; i < 8; i++)
            {
                captures.Add(await store.StoreAsync(Exchanges.Random(9_000, i)));
            }

            // Larger than the limit: alone in a file of its own.
            captures.Add(await store.StoreAsync(Exchanges.Random(50_000, 100)));
            captures.Add(await store.StoreAsync(Exchanges.Random(9_000, 101)));
        }

        // Names sort in the order the files were started (time, then serial).
        string[] files = Directory.GetFiles(_dir.Combine("warc"), "*.warc.gz").Order(StringComparer.Ordinal).ToArray();
        WarcRecord[][] contents = files.Select(f => WarcReader.ReadAll(f).ToArray()).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(files, Has.Length.GreaterThanOrEqualTo(4), "ten exchanges of 9 kB and one of 50 kB do not fit in files of 30 kB");
            Assert.That(captures.Select(c => c.WarcFile).Distinct(), Is.EqualTo(files.Select(f => "warc/" + Path.GetFileName(f))), "filled one after the other");
            for (int f = 0; f < files.Length; f++)
            {
                WarcRecord[] records = contents[f];
                Assert.That(records[0].Type, Is.EqualTo("warcinfo"), files[f]);
                Assert.That(records.Count(r => r.Type == "warcinfo"), Is.EqualTo(1), files[f]);
                Assert.That(records.Count(r => r.Type == "response"), Is.GreaterThan(0), files[f]);
                long length = new FileInfo(files[f]).Length;
                if (records.Length > 3)
                {
                    Assert.That(length, Is.LessThanOrEqualTo(Max), "a file with several exchanges stays under the limit: " + files[f]);
                }

                if (f + 1 < files.Length)
                {
                    // A new file only when the next exchange (response and request) would have passed the limit.
                    long next = contents[f + 1][1].Length + contents[f + 1][2].Length;
                    Assert.That(length + next, Is.GreaterThan(Max), "started too early after " + files[f]);
                }
            }

            PageCapture big = captures[8];
            Assert.That(captures.Count(c => c.WarcFile == big.WarcFile), Is.EqualTo(1), "the oversized exchange has its file to itself");
            Assert.That(new FileInfo(_dir.Combine(big.WarcFile)).Length, Is.GreaterThan(Max));
        }

        await using var reader = new WarcCaptureStore(_dir.Path);
        foreach (PageCapture capture in captures)
        {
            Assert.That(await reader.ReadAsync(capture), Is.Not.Null, capture.ToString());
        }
    }

    [Test]
    public async Task StoreAsync_Concurrent_EveryCaptureReadsBack()
    {
        PageCapture[] captures;
        await using (var store = new WarcCaptureStore(_dir.Path, 200_000))
        {
            captures = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => store.StoreAsync(Exchanges.Random(3_000 + i, i)))));
        }

        await using var reader = new WarcCaptureStore(_dir.Path);
        for (int i = 0; i < captures.Length; i++)
        {
            HttpExchange? read = await reader.ReadAsync(captures[i]);
            Assert.That(read?.Payload.ToArray(), Is.EqualTo(Exchanges.Random(3_000 + i, i).Payload.ToArray()), captures[i].ToString());
        }

        Assert.That(captures.Select(c => (c.WarcFile, c.Offset)).Distinct().Count(), Is.EqualTo(captures.Length));
    }

    [Test]
    public async Task StoreAsync_CanceledBeforeWrite_WritesNothing()
    {
        await using var store = new WarcCaptureStore(_dir.Path);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => store.StoreAsync(Exchanges.GzipArticle(), canceled.Token));

        Assert.That(Directory.Exists(_dir.Combine("warc")), Is.False);
    }

    [Test]
    public async Task ReadAsync_WrongOrForeignCapture_ReturnsNull()
    {
        PageCapture capture;
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            capture = await store.StoreAsync(Exchanges.GzipArticle());
        }

        File.WriteAllText(_dir.Combine("secret.warc.gz"), "not yours");
        await using var reader = new WarcCaptureStore(_dir.Path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await reader.ReadAsync(capture with { Offset = capture.Offset + 1 }), Is.Null, "not a member start");
            Assert.That(await reader.ReadAsync(capture with { Length = capture.Length - 1 }), Is.Null, "a cut member");
            Assert.That(await reader.ReadAsync(capture with { Offset = 0 }), Is.Null, "the warcinfo record is no response");
            Assert.That(await reader.ReadAsync(capture with { Digest = "sha1:AAAA" }), Is.Null, "another payload");
            Assert.That(await reader.ReadAsync(capture with { WarcFile = "warc/missing.warc.gz" }), Is.Null);
            Assert.That(await reader.ReadAsync(capture with { WarcFile = "warc/../secret.warc.gz" }), Is.Null, "outside the warc folder");
            Assert.That(await reader.ReadAsync(capture with { Offset = long.MaxValue - 10 }), Is.Null);
            Assert.That(await reader.ReadAsync(capture), Is.Not.Null);
        }
    }

    [Test]
    public async Task ReadAsync_DamagedLengthFieldOfAMember_ReadsAsMissingInsteadOfThrowing()
    {
        PageCapture first, second;
        await using (var store = new WarcCaptureStore(_dir.Path))
        {
            first = await store.StoreAsync(Exchanges.GzipArticle());
            second = await store.StoreAsync(Exchanges.Random(5_000, 1));
        }

        // The gzip extra field's length (bytes 10-11 of a member) set to 65535: a read would run off the file's end.
        string path = Path.Combine(_dir.Path, first.WarcFile);
        using (FileStream file = File.OpenWrite(path))
        {
            foreach (long member in new[] { first.Offset + first.Length, second.Offset })
            {
                file.Position = member + 10;
                file.Write([0xFF, 0xFF]);
            }
        }

        await using var reader = new WarcCaptureStore(_dir.Path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await reader.ReadAsync(first))?.Status, Is.EqualTo(200), "a damaged request record costs only the request headers");
            Assert.That(await reader.ReadAsync(second), Is.Null, "a damaged response record reads as missing");
        }
    }

    [Test]
    public async Task Warcio_ReadsEveryRecordAndItsPayloadsHashToTheStoredDigests()
    {
        var stored = new List<(HttpExchange Exchange, PageCapture Capture)>();
        await using (var store = new WarcCaptureStore(_dir.Path, 60_000))
        {
            foreach (HttpExchange exchange in Samples().Concat(Enumerable.Range(0, 6).Select(i => Exchanges.Random(20_000, i))))
            {
                stored.Add((exchange, await store.StoreAsync(exchange)));
            }
        }

        string[] files = Directory.GetFiles(_dir.Combine("warc"), "*.warc.gz");
        List<WarcioRecord> theirs = await WarcioJs.ReadAsync(files);

        List<WarcRecord> ours = files.SelectMany(f => WarcReader.ReadAll(f)).ToList();
        Assert.That(files, Has.Length.GreaterThan(1), "the sample spans several files");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(theirs.Select(r => (r.Type, r.Id)), Is.EquivalentTo(ours.Select(r => (r.Type, r.RecordId))), "the same records");
            foreach (WarcioRecord record in theirs.Where(r => r.Type == "response"))
            {
                (HttpExchange exchange, PageCapture capture) = stored.Single(s => Path.GetFileName(s.Capture.WarcFile) == Path.GetFileName(record.File) && s.Capture.Offset == record.Offset);
                Assert.That(record.PayloadSha1, Is.EqualTo(capture.Digest), record.Uri);
                Assert.That(record.DeclaredPayloadDigest, Is.EqualTo(capture.Digest), record.Uri);
                Assert.That(record.PayloadLength, Is.EqualTo(exchange.Payload.Length), record.Uri);
                Assert.That(record.Status, Is.EqualTo(exchange.Status), record.Uri);
                Assert.That(record.Uri, Is.EqualTo(exchange.TargetUri.AbsoluteUri));
            }

            Assert.That(theirs.Count(r => r.Type == "warcinfo"), Is.EqualTo(files.Length));
            Assert.That(theirs.Count(r => r.Type == "request"), Is.EqualTo(stored.Count));
        }
    }

    internal static string Sha1Base32(ReadOnlySpan<byte> bytes)
    {
        // RFC 4648 base32, written here independently of the store's encoder.
#pragma warning disable CA5350 // the digest WARC tools use
        byte[] hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = new StringBuilder();
        foreach (byte b in hash)
        {
            bits.Append(Convert.ToString(b, 2).PadLeft(8, '0'));
        }

        var text = new StringBuilder("sha1:");
        for (int i = 0; i < bits.Length; i += 5)
        {
            text.Append(Alphabet[Convert.ToInt32(bits.ToString(i, 5), 2)]);
        }

        return text.ToString();
    }
}
