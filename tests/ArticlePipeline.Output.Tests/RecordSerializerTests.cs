using System.Text;
using System.Text.Json;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Tests;

[TestFixture]
public sealed class RecordSerializerTests
{
    [Test]
    public void Serialize_ThaiCyrillicVietnamese_StayCharactersInValidJson()
    {
        string json = Encoding.UTF8.GetString(RecordSerializer.Serialize(Records.Sample()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(json, Does.Not.Contain("\\u"));
            Assert.That(json, Does.Contain("\"Nông dân Tân Hậu thu hoạch lúa hè thu sớm\""));
            Assert.That(json, Does.Contain("\"เกษตรกรเก็บเกี่ยวข้าวก่อนกำหนด\""));
            Assert.That(json, Does.Contain("\"Крестьяне собирают урожай риса\""));
            Assert.That(json, Does.Contain("\"Селяни повіту збирають рис і ґрунт.\""));
            Assert.That(json, Does.EndWith("}\n"));
            Assert.That(() => JsonDocument.Parse(json).Dispose(), Throws.Nothing);
        }
    }

    [Test]
    public void Serialize_Record_UsesCamelCaseEnumStringsAndRecordLanguageOrder()
    {
        using JsonDocument json = JsonDocument.Parse(RecordSerializer.Serialize(Records.Sample()));
        JsonElement root = json.RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("credits")[0].GetProperty("kind").GetString(), Is.EqualTo("agency"));
            Assert.That(root.GetProperty("images")[0].GetProperty("credit").GetString(), Is.EqualTo("Minh Đức"));
            Assert.That(root.GetProperty("capture").GetProperty("warcFile").GetString(), Does.StartWith("warc/"));
            Assert.That(root.GetProperty("sourceLanguage").GetString(), Is.EqualTo("vi"));
            Assert.That(root.GetProperty("languages").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "vi", "uk", "ru", "ro", "th" }));
            Assert.That(root.GetProperty("languages").GetProperty("vi").GetProperty("status").GetString(), Is.EqualTo("original"));
            Assert.That(root.GetProperty("languages").GetProperty("ro").GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(root.GetProperty("languages").GetProperty("vi").GetProperty("content").GetProperty("blocks")[1].GetProperty("kind").GetString(), Is.EqualTo("figureCaption"));
            Assert.That(root.GetProperty("publishedAt").GetString(), Is.EqualTo("2025-06-23T07:30:00+07:00"));
        }
    }

    [Test]
    public void Serialize_EqualRecords_AreByteIdentical()
    {
        byte[] first = RecordSerializer.Serialize(Records.Sample());
        byte[] second = RecordSerializer.Serialize(Records.Sample());

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Serialize_DifferentText_DiffersInBytes()
    {
        byte[] first = RecordSerializer.Serialize(Records.Sample());
        byte[] second = RecordSerializer.Serialize(Records.Sample(firstParagraph: "Nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu muộn để tránh lũ."));

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Deserialize_SerializedRecord_RoundTrips()
    {
        ArticleRecord record = Records.Sample();

        ArticleRecord? read = RecordSerializer.Deserialize(RecordSerializer.Serialize(record));

        Assert.That(read, Is.Not.Null);
        Assert.That(RecordSerializer.Serialize(read!), Is.EqualTo(RecordSerializer.Serialize(record)));
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("[]")]
    [TestCase("{\"id\":\"x\"}")]
    public void Deserialize_NotARecord_IsNull(string json)
    {
        Assert.That(RecordSerializer.Deserialize(Encoding.UTF8.GetBytes(json)), Is.Null);
    }
}
