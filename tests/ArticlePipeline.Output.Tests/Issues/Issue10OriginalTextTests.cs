using System.Text;
using System.Text.Json.Nodes;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Schema;

namespace ArticlePipeline.Output.Tests.Issues;

/// <summary>Issue 10, item 10: <c>validate</c> rejects a record whose source language has no text.</summary>
[TestFixture]
public sealed class Issue10OriginalTextTests
{
    private RecordSchemaValidator _validator = null!;

    [OneTimeSetUp]
    public async Task LoadSchema() => _validator = await RecordSchemaValidator.GetAsync();

    [Test]
    public void Validate_OriginalWithEmptyTitleAndNoBlocks_IsReported()
    {
        JsonObject record = Sample();
        JsonNode content = record["languages"]!["vi"]!["content"]!;
        content["title"] = string.Empty;
        content["lead"] = null;
        content["blocks"] = new JsonArray();

        Assert.That(_validator.Validate(record.ToJsonString()), Has.One.EqualTo("$.languages.vi.content: the original has no text (no title, lead or block)"));
    }

    [Test]
    public void Validate_OriginalWithOnlyBlankBlocks_IsReported()
    {
        JsonObject record = Sample();
        JsonNode content = record["languages"]!["vi"]!["content"]!;
        content["title"] = "   ";
        content["lead"] = null;
        content["blocks"] = new JsonArray(new JsonObject { ["kind"] = "paragraph", ["text"] = " " });

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.Contains("the original has no text"));
    }

    [Test]
    public void Validate_SourceLanguageWithoutAnEntry_IsReported()
    {
        // What "5 MB of aaaa" became: an English source language, five pending languages and no text anywhere.
        JsonObject record = Sample();
        record["sourceLanguage"] = "en";
        record["languages"]!["vi"] = new JsonObject { ["status"] = "pending", ["content"] = null, ["provenance"] = null, ["reason"] = "extract does not translate" };

        Assert.That(_validator.Validate(record.ToJsonString()), Has.Some.EqualTo("$.languages: no entry for the source language 'en': the record holds no original text"));
    }

    [Test]
    public void Validate_OriginalWithText_HasNoProblems() =>
        Assert.That(_validator.Validate(Sample().ToJsonString()), Is.Empty);

    private static JsonObject Sample() =>
        JsonNode.Parse(Encoding.UTF8.GetString(RecordSerializer.Serialize(Records.Sample() with { Revision = 1 })))!.AsObject();
}
