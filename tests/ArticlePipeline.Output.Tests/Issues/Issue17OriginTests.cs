using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Schema;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Output.Tests.Issues;

/// <summary>Issue 17 in the record: who made each translation, from which page, and how an edition matches the original.</summary>
[TestFixture]
public sealed class Issue17OriginTests
{
    [Test]
    public async Task Serialize_PublisherEdition_WritesOriginUrlAndAlignment_AndTheSchemaAcceptsIt()
    {
        ArticleRecord record = WithRussian(Edition(LanguageOrigin.Publisher, "https://a.vn/ru/a1001.html"));

        string json = Encoding.UTF8.GetString(RecordSerializer.Serialize(record));
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement ru = document.RootElement.GetProperty("languages").GetProperty("ru");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ru.GetProperty("origin").GetString(), Is.EqualTo("publisher"));
            Assert.That(ru.GetProperty("originUrl").GetString(), Is.EqualTo("https://a.vn/ru/a1001.html"));
            Assert.That(ru.GetProperty("match").GetProperty("confidence").GetDouble(), Is.EqualTo(0.91));
            Assert.That(ru.GetProperty("match").GetProperty("alignment")[0].GetProperty("source").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(document.RootElement.GetProperty("languages").GetProperty("ro").TryGetProperty("origin", out _), Is.False, "a pending language names no origin");
            Assert.That(RecordSerializer.Deserialize(Encoding.UTF8.GetBytes(json))!.Languages["ru"], Is.EqualTo(record.Languages["ru"]).Using<LanguageVersion>(Same));
        }

        RecordSchemaValidator validator = await RecordSchemaValidator.GetAsync();
        Assert.That(validator.Validate(json), Is.Empty);
    }

    [Test]
    public void Deserialize_TranslationWrittenBeforeEditions_IsTheMachines()
    {
        // A record file written before editions: its translations name no origin.
        var old = new LanguageVersion(TranslationStatus.Translated, Russian, new Provenance(null, null, "azure", ["r1"], Records.FetchedAt), null);
        var node = System.Text.Json.Nodes.JsonNode.Parse(RecordSerializer.Serialize(WithRussian(old)))!;
        foreach ((string _, System.Text.Json.Nodes.JsonNode? language) in node["languages"]!.AsObject())
        {
            language!.AsObject().Remove("origin");
        }

        byte[] json = Encoding.UTF8.GetBytes(node.ToJsonString());

        ArticleRecord read = RecordSerializer.Deserialize(json)!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("languages").GetProperty("ru").TryGetProperty("origin", out _), Is.False, "written as before editions");
            Assert.That(read.Languages["ru"].Origin, Is.EqualTo(LanguageOrigin.Machine));
            Assert.That(read.Languages["ru"].IsEdition, Is.False);
        }
    }

    [Test]
    public async Task Write_MachineTranslationReplacedByThePublishersEdition_IsANewRevisionListingTheLanguage()
    {
        using var folder = new TempDirectory();
        using var sink = new JsonRecordSink(folder.Path);
        var machine = new LanguageVersion(TranslationStatus.Translated, Russian, new Provenance(null, null, "azure", ["r1"], Records.FetchedAt), null) { Origin = LanguageOrigin.Machine };
        ArticleRecord first = WithRussian(machine);
        RecordSlot slot = await sink.OpenAsync(RecordKey.Of(first));
        await sink.WriteAsync(slot, first);

        ArticleRecord second = WithRussian(Edition(LanguageOrigin.Publisher, "https://a.vn/ru/a1001.html"));
        WriteResult written = await sink.WriteAsync(await sink.OpenAsync(RecordKey.Of(second)), second);

        string manifest = File.ReadAllLines(Directory.GetFiles(Path.Combine(folder.Path, "manifest"), "*.jsonl").Single()).Last();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(written.Written, Is.True);
            Assert.That(written.Revision, Is.EqualTo(2));
            Assert.That(manifest, Does.Contain("\"languages.ru\""));
        }
    }

    [Test]
    public async Task Write_TwoWritersOfOneRecord_TheLaterMachineTranslationNeverReplacesTheEditionTheOtherWrote()
    {
        // Two cluster nodes share the folder: node A read the record with ru pending and translates it; meanwhile node B
        // merges the publisher's Russian edition and writes. A writes last.
        using var folder = new TempDirectory();
        using var sink = new JsonRecordSink(folder.Path);
        ArticleRecord pending = WithRussian(LanguageVersion.Pending("translation not requested"));
        await sink.WriteAsync(await sink.OpenAsync(RecordKey.Of(pending)), pending);
        RecordSlot readByA = await sink.OpenAsync(RecordKey.Of(pending));

        ArticleRecord edition = WithRussian(Edition(LanguageOrigin.Publisher, "https://a.vn/ru/a1001.html"));
        await sink.WriteAsync(await sink.OpenAsync(RecordKey.Of(edition)), edition);
        var machine = new LanguageVersion(TranslationStatus.Translated, Russian with { Title = "Машинный перевод" }, new Provenance(null, null, "azure", ["r1"], Records.FetchedAt), null) { Origin = LanguageOrigin.Machine };
        ArticleRecord fromA = WithRussian(machine) with { Languages = WithRussian(machine).Languages.SetItem("ro", LanguageVersion.Pending("later")) };
        await sink.WriteAsync(readByA, fromA);

        ArticleRecord stored = (await sink.OpenAsync(RecordKey.Of(pending))).Existing!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Languages["ru"].Origin, Is.EqualTo(LanguageOrigin.Publisher), "the edition B wrote is kept");
            Assert.That(stored.Languages["ru"].Content!.Title, Is.EqualTo(Russian.Title));
            Assert.That(stored.Languages["ro"].Status, Is.EqualTo(TranslationStatus.Pending), "what A changed where B added nothing is written");
        }
    }

    private static readonly LanguageContent Russian = new(
        "Крестьяне собирают урожай риса",
        null,
        [new ContentBlock(BlockKind.Paragraph, "Крестьяне уезда Танхау собирают летне-осенний рис раньше срока, чтобы опередить паводок.")]);

    private static LanguageVersion Edition(LanguageOrigin origin, string url) =>
        new(TranslationStatus.Translated, Russian, new Provenance("generic", null, null, [], Records.FetchedAt), null)
        {
            Origin = origin,
            OriginUrl = url,
            Match = new EditionMatch(0.91, [new BlockAlignment([0, 1], [0], 0.82)]),
        };

    private static ArticleRecord WithRussian(LanguageVersion ru)
    {
        ArticleRecord sample = Records.Sample();
        return sample with { Revision = 1, Languages = sample.Languages.SetItem("ru", ru) };
    }

    private static bool Same(LanguageVersion a, LanguageVersion b) =>
        a.Origin == b.Origin && a.OriginUrl == b.OriginUrl && a.Match!.Confidence == b.Match!.Confidence &&
        a.Match.Alignment.Select(x => (string.Join(",", x.Source), string.Join(",", x.Edition), x.Confidence))
            .SequenceEqual(b.Match.Alignment.Select(x => (string.Join(",", x.Source), string.Join(",", x.Edition), x.Confidence)));
}
