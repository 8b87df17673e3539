using System.Text;
using System.Text.Json.Nodes;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Schema;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Output.Tests.Issues;

/// <summary>
/// Issue 14: schema v2 holds an original in any language, credits apart from authors and the capture; v1 records stay
/// readable and valid, and a v1 record rewritten becomes v2 with a new revision that says why.
/// </summary>
[TestFixture]
public sealed class Issue14SchemaV2Tests
{
    private static readonly string V1Fixture = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "record-v1.json");

    private RecordSchemaValidator _validator = null!;

    [OneTimeSetUp]
    public async Task LoadSchema() => _validator = await RecordSchemaValidator.GetAsync();

    [Test]
    public void Validate_V1RecordAsVersion1WroteIt_IsValidAgainstTheV1Schema()
    {
        Assert.That(_validator.Validate(File.ReadAllText(V1Fixture)), Is.Empty);
    }

    [Test]
    public void Validate_V1RecordWithAV2Field_IsReported()
    {
        JsonObject record = JsonNode.Parse(File.ReadAllText(V1Fixture))!.AsObject();
        record["credits"] = new JsonArray();

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.Contains("credits"), "v1 records are held to the v1 schema");
    }

    [Test]
    public void Deserialize_V1Record_ReadsWithNoCreditsNoFetchedUrlAndNoCapture()
    {
        ArticleRecord? record = RecordSerializer.Deserialize(File.ReadAllBytes(V1Fixture));

        Assert.That(record, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record!.SchemaVersion, Is.EqualTo(1));
            Assert.That(record.Credits, Is.Empty);
            Assert.That(record.FetchedUrl, Is.Null);
            Assert.That(record.Capture, Is.Null);
            Assert.That(record.Authors, Does.Contain("Ngọc Lan"));
        }
    }

    [Test]
    public void Validate_EnglishOriginalBesideTheFiveTargets_IsValid()
    {
        ArticleRecord sample = Records.Sample() with { Revision = 1 };
        LanguageVersion original = sample.Languages["vi"] with { Content = sample.Languages["vi"].Content! with { Title = "Farmers harvest early" } };
        ArticleRecord english = sample with
        {
            SourceLanguage = "en",
            Languages = sample.Languages.SetItem("vi", LanguageVersion.Pending("no translator configured")).SetItem("en", original),
        };

        string json = Encoding.UTF8.GetString(RecordSerializer.Serialize(english));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_validator.Validate(json), Is.Empty);
            Assert.That(JsonNode.Parse(json)!["languages"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "vi", "uk", "ru", "ro", "th", "en" }));
        }
    }

    [Test]
    public void Validate_RecordMissingATargetLanguage_IsReportedEvenWhenTheSourceIsAnother()
    {
        JsonObject record = JsonNode.Parse(Encoding.UTF8.GetString(RecordSerializer.Serialize(Records.Sample() with { Revision = 1 })))!.AsObject();
        record["languages"]!.AsObject().Remove("ro");

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.Contains("ro"));
    }

    [TestCase("credits", """[{"name":"TTXVN","kind":"sponsor"}]""")]
    [TestCase("credits", """[{"name":"","kind":"agency"}]""")]
    [TestCase("capture", """{"warcFile":"../../etc/passwd","offset":0,"length":1,"digest":"sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [TestCase("capture", """{"warcFile":"warc/a.warc.gz","offset":-1,"length":1,"digest":"sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [TestCase("sourceLanguage", "\"english\"")]
    public void Validate_V2FieldWithWrongValue_IsReportedAtThatField(string field, string value)
    {
        JsonObject record = JsonNode.Parse(Encoding.UTF8.GetString(RecordSerializer.Serialize(Records.Sample() with { Revision = 1 })))!.AsObject();
        record[field] = JsonNode.Parse(value);

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.Contains(field));
    }

    [Test]
    public async Task Write_SameRecordWithAFirstCapture_IsRewrittenAtTheSameRevisionAndALaterCaptureChangesNothing()
    {
        using var folder = new TempDirectory();
        using var sink = new JsonRecordSink(folder.Path);
        ArticleRecord sample = Records.Sample();
        WriteResult uncaptured = await sink.OpenAndWriteAsync(sample with { Capture = null });

        WriteResult gained = await sink.OpenAndWriteAsync(sample);
        WriteResult later = await sink.OpenAndWriteAsync(sample with { Capture = sample.Capture! with { Offset = 99_999 } });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gained.Written, Is.True, "a record without a capture takes the first one a fetch brings");
            Assert.That(gained.Revision, Is.EqualTo(uncaptured.Revision), "a capture is not content");
            Assert.That(RecordSerializer.Deserialize(File.ReadAllBytes(gained.Path))!.Capture, Is.EqualTo(sample.Capture));
            Assert.That(later.Written, Is.False, "a record keeps the capture it has");
            Assert.That(File.ReadAllLines(Directory.GetFiles(Path.Combine(folder.Path, "manifest")).Single())[^1], Does.Contain("\"change\":\"rewritten\""));
        }
    }

    [Test]
    public async Task Write_V2RecordOverItsV1Revision_IsANewRevisionListingTheSchemaChange()
    {
        using var folder = new TempDirectory();
        ArticleRecord v1 = RecordSerializer.Deserialize(File.ReadAllBytes(V1Fixture))!;
        using var sink = new JsonRecordSink(folder.Path);
        string path = sink.RecordPath(v1.Source.Id, v1.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(V1Fixture, path);
        ArticleRecord upgraded = v1 with
        {
            SchemaVersion = ArticleRecord.CurrentSchemaVersion,
            Authors = ["Ngọc Lan"],
            Credits = [new Credit("TTXVN", CreditKind.Agency)],
        };

        RecordSlot slot = await sink.OpenAsync(RecordKey.Of(v1));
        bool wouldChange = sink.WouldChange(slot, upgraded);
        WriteResult written = await sink.WriteAsync(slot, upgraded);
        WriteResult again = await sink.WriteAsync(await sink.OpenAsync(RecordKey.Of(v1)), upgraded);

        string manifest = File.ReadAllLines(Directory.GetFiles(Path.Combine(folder.Path, "manifest")).Single()).Last();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wouldChange, Is.True);
            Assert.That(written.Revision, Is.EqualTo(v1.Revision + 1));
            Assert.That(again.Written, Is.False, "a v2 record is not upgraded twice");
            Assert.That(_validator.Validate(File.ReadAllText(path)), Is.Empty);
            Assert.That(manifest, Does.Contain("\"schemaVersion\":2").And.Contain("\"schemaVersion\",\"authors\",\"credits\""));
        }
    }
}
