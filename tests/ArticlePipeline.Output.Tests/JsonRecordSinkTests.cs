using ArticlePipeline.Core.Abstractions;
using System.Collections.Immutable;
using System.Text.Json;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Output.Tests;

[TestFixture]
public sealed class JsonRecordSinkTests
{
    private TempDirectory _out = null!;
    private FakeTimeProvider _clock = null!;
    private JsonRecordSink _sink = null!;

    private string RecordFile => _out.Combine("records", "baosonghau", Records.Id[..2], Records.Id + ".json");

    private string ManifestFile => _out.Combine("manifest", "2025-06-23.jsonl");

    [SetUp]
    public void SetUp()
    {
        _out = new TempDirectory();
        _clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 2, 0, 0, TimeSpan.Zero));
        _sink = new JsonRecordSink(_out.Path, _clock);
    }

    [TearDown]
    public void TearDown()
    {
        _sink.Dispose();
        _out.Dispose();
    }

    [Test]
    public async Task WriteAsync_NewRecord_WritesRecordFileAndOneManifestLine()
    {
        WriteResult result = await _sink.OpenAndWriteAsync(Records.Sample());

        string[] manifest = File.ReadAllLines(ManifestFile);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo(new WriteResult(RecordFile, true, 1)));
            Assert.That(File.Exists(RecordFile), Is.True);
            Assert.That(RecordSerializer.Deserialize(File.ReadAllBytes(RecordFile))?.Revision, Is.EqualTo(1));
            Assert.That(manifest, Has.Length.EqualTo(1));
            Assert.That(
                Directory.GetFiles(_out.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".journal", StringComparison.Ordinal)).ToArray(),
                Has.Length.EqualTo(2),
                "only the record and the manifest (besides the live sink's journal)");
        }

        using JsonDocument line = JsonDocument.Parse(manifest[0]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.RootElement.GetProperty("id").GetString(), Is.EqualTo(Records.Id));
            Assert.That(line.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(1));
            Assert.That(line.RootElement.GetProperty("path").GetString(), Is.EqualTo($"records/baosonghau/{Records.Id[..2]}/{Records.Id}.json"));
            Assert.That(line.RootElement.GetProperty("change").GetString(), Is.EqualTo("created"));
            Assert.That(line.RootElement.GetProperty("url").GetString(), Is.EqualTo("https://baosonghau.example.vn/tin-tuc/a1001.html"));
            Assert.That(line.RootElement.GetProperty("languages").GetProperty("ro").GetString(), Is.EqualTo("pending"));
            Assert.That(line.RootElement.GetProperty("languages").GetProperty("th").GetString(), Is.EqualTo("translated"));
        }
    }

    [Test]
    public async Task WriteAsync_SameContentAgain_WritesAndAppendsNothing()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());
        byte[] before = File.ReadAllBytes(RecordFile);
        DateTime writtenAt = File.GetLastWriteTimeUtc(RecordFile);
        _clock.Advance(TimeSpan.FromHours(1));

        // A later fetch of the same page: new fetch time, same content.
        WriteResult again = await _sink.OpenAndWriteAsync(Records.Sample() with { FetchedAt = Records.FetchedAt.AddHours(1) });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(new WriteResult(RecordFile, false, 1)));
            Assert.That(File.ReadAllBytes(RecordFile), Is.EqualTo(before));
            Assert.That(File.GetLastWriteTimeUtc(RecordFile), Is.EqualTo(writtenAt));
            Assert.That(File.ReadAllLines(ManifestFile), Has.Length.EqualTo(1));
        }
    }

    [Test]
    public async Task WriteAsync_OneWordChanged_BumpsRevisionAndAppendsUpdated()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());

        WriteResult changed = await _sink.OpenAndWriteAsync(Records.Sample(firstParagraph: "Nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu muộn để tránh lũ."));

        string[] manifest = File.ReadAllLines(ManifestFile);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.EqualTo(new WriteResult(RecordFile, true, 2)));
            Assert.That(RecordSerializer.Deserialize(File.ReadAllBytes(RecordFile))?.Revision, Is.EqualTo(2));
            Assert.That(File.ReadAllText(RecordFile), Does.Contain("thu hoạch lúa hè thu muộn"));
            Assert.That(manifest, Has.Length.EqualTo(2));
            Assert.That(Change(manifest[1]), Is.EqualTo(("updated", 2)));
        }
    }

    [Test]
    public async Task WriteAsync_Forced_RewritesWithSameRevisionAndAppendsRewritten()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());

        WriteResult forced = await _sink.OpenAndWriteAsync(Records.Sample(), force: true);

        string[] manifest = File.ReadAllLines(ManifestFile);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(forced, Is.EqualTo(new WriteResult(RecordFile, true, 1)));
            Assert.That(manifest, Has.Length.EqualTo(2));
            Assert.That(Change(manifest[0]), Is.EqualTo(("created", 1)));
            Assert.That(Change(manifest[1]), Is.EqualTo(("rewritten", 1)));
        }
    }

    [Test]
    public async Task WriteAsync_ManifestDay_FollowsTheClock()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());
        _clock.SetUtcNow(new DateTimeOffset(2025, 6, 24, 0, 5, 0, TimeSpan.Zero));

        await _sink.OpenAndWriteAsync(Records.Sample(firstParagraph: "Một câu khác hẳn."));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllLines(ManifestFile), Has.Length.EqualTo(1));
            Assert.That(File.ReadAllLines(_out.Combine("manifest", "2025-06-24.jsonl")), Has.Length.EqualTo(1));
        }
    }

    [Test]
    public async Task ReadAsync_WrittenRecord_ReturnsItWithItsRevision()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());

        ArticleRecord? read = await _sink.ReadAsync(new RecordKey("baosonghau", Records.Id));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.Not.Null);
            Assert.That(read?.Revision, Is.EqualTo(1));
            Assert.That(read?.Languages.Keys, Is.EqualTo(new[] { "vi", "uk", "ru", "ro", "th" }));
            Assert.That(read is not null && JsonRecordSink.SameContent(read, Records.Sample()), Is.True);
        }
    }

    [Test]
    public async Task ReadAsync_CorruptFile_IsNullAndTheNextWriteReplacesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(RecordFile)!);
        await File.WriteAllTextAsync(RecordFile, "{ half a reco");

        ArticleRecord? read = await _sink.ReadAsync(new RecordKey("baosonghau", Records.Id));
        WriteResult written = await _sink.OpenAndWriteAsync(Records.Sample());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.Null);
            Assert.That(written.Written, Is.True);
            Assert.That(RecordSerializer.Deserialize(File.ReadAllBytes(RecordFile)), Is.Not.Null);
        }
    }

    [TestCase("../x")]
    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("Báo")]
    [TestCase("")]
    public void WriteAsync_UnsafeSourceId_IsRefusedAndWritesNothing(string sourceId)
    {
        Assert.That(() => _sink.OpenAndWriteAsync(Records.Sample(sourceId)), Throws.ArgumentException);
        Assert.That(Directory.GetFileSystemEntries(_out.Path), Is.Empty);
    }

    [Test]
    public void WriteAsync_UnsafeRecordId_IsRefused()
    {
        Assert.That(() => _sink.OpenAndWriteAsync(Records.Sample() with { Id = "../../etc/passwd" }), Throws.ArgumentException);
    }

    [Test]
    public void SameContent_DifferentFetchAndProvenanceTimes_IsSame()
    {
        ArticleRecord a = Records.Sample();
        ArticleRecord b = a with
        {
            Revision = 7,
            FetchedAt = a.FetchedAt.AddDays(1),
            Languages = a.Languages.SetItem("vi", a.Languages["vi"] with { Provenance = a.Languages["vi"].Provenance! with { At = DateTimeOffset.UnixEpoch.AddYears(60) } }),
        };

        Assert.That(JsonRecordSink.SameContent(a, b), Is.True);
    }

    [Test]
    public void SameContent_DifferentTranslationStatus_IsNotSame()
    {
        ArticleRecord a = Records.Sample();
        ArticleRecord b = a with { Languages = a.Languages.SetItem("ro", LanguageVersion.Pending("no translator configured")) };

        Assert.That(JsonRecordSink.SameContent(a, b), Is.False);
    }

    private static (string Change, int Revision) Change(string line)
    {
        using JsonDocument json = JsonDocument.Parse(line);
        return (json.RootElement.GetProperty("change").GetString()!, json.RootElement.GetProperty("revision").GetInt32());
    }
}
