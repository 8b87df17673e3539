using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Schema;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Output.Tests;

/// <summary>The published schema accepts what we write and rejects what a consumer must never see.</summary>
[TestFixture]
public sealed class RecordSchemaTests
{
    private RecordSchemaValidator _validator = null!;

    [OneTimeSetUp]
    public async Task LoadSchema() => _validator = await RecordSchemaValidator.GetAsync();

    [TestCase(1)]
    [TestCase(2)]
    public void Schema_EmbeddedCopy_IsThePublishedFile(int version)
    {
        string published = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "schema", $"article-record.v{version}.schema.json"));

        Assert.That(RecordSchemaValidator.ReadSchemaText(version), Is.EqualTo(published));
    }

    [Test]
    public void Validate_SerializedSampleRecord_HasNoProblems()
    {
        string json = Encoding.UTF8.GetString(RecordSerializer.Serialize(Records.Sample() with { Revision = 1 }));

        Assert.That(_validator.Validate(json), Is.Empty);
    }

    [Test]
    public void Validate_RecordWithTranslatedLanguage_HasNoProblems()
    {
        ArticleRecord sample = Records.Sample() with { Revision = 3 };
        LanguageVersion vi = sample.Languages["vi"];
        var translated = new LanguageVersion(
            TranslationStatus.Translated,
            vi.Content! with { Title = "[uk] " + vi.Content!.Title },
            new Provenance(null, null, "azure", ["req-1"], Records.FetchedAt),
            null);
        ArticleRecord record = sample with { Languages = sample.Languages.SetItem("uk", translated) };

        Assert.That(_validator.Validate(Encoding.UTF8.GetString(RecordSerializer.Serialize(record))), Is.Empty);
    }

    [TestCase("revision", "0", "revision")]
    [TestCase("id", "\"../../etc/passwd\"", "id")]
    [TestCase("schemaVersion", "3", "schemaVersion")]
    [TestCase("sourceLanguage", "\"french\"", "sourceLanguage")]
    [TestCase("contentHash", "\"md5:abc\"", "contentHash")]
    public void Validate_FieldWithWrongValue_IsReportedAtThatField(string field, string value, string expectedPath)
    {
        JsonObject record = SampleAsNode();
        record[field] = JsonNode.Parse(value);

        IReadOnlyList<string> problems = _validator.Validate(record.ToJsonString());

        Assert.That(problems, Has.Some.Contains(expectedPath));
    }

    [Test]
    public void Validate_MissingLanguage_IsReported()
    {
        JsonObject record = SampleAsNode();
        record["languages"]!.AsObject().Remove("th");

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.Contains("th"));
    }

    [Test]
    public void Validate_UnknownBlockKind_IsReported()
    {
        JsonObject record = SampleAsNode();
        record["languages"]!["vi"]!["content"]!["blocks"]![0]!["kind"] = "advert";

        Assert.That(_validator.Validate(record.ToJsonString()), Is.Not.Empty);
    }

    [Test]
    public void Validate_UnexpectedProperty_IsReported()
    {
        JsonObject record = SampleAsNode();
        record["comments"] = 3;

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.Contains("comments"));
    }

    [Test]
    public void Validate_NotJson_IsOneProblem()
    {
        Assert.That(_validator.Validate("{ \"id\": "), Has.Count.EqualTo(1).And.Some.Contains("not JSON"));
    }

    private static JsonObject SampleAsNode() =>
        JsonNode.Parse(RecordSerializer.Serialize(Records.Sample() with { Revision = 1 }))!.AsObject();
}
