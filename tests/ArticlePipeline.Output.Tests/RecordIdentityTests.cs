using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Writing;
using NUnit.Framework;

namespace ArticlePipeline.Output.Tests;

/// <summary>The sink owns where a record lives and when it is a new revision.</summary>
public sealed class RecordIdentityTests
{
    private string _root = null!;
    private JsonRecordSink _sink = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "identity-" + Guid.NewGuid().ToString("N"));
        _sink = new JsonRecordSink(_root);
    }

    [TearDown]
    public void TearDown()
    {
        _sink.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task A_location_the_sink_handed_out_names_the_record_it_holds()
    {
        WriteResult written = await _sink.OpenAndWriteAsync(Records.Sample(sourceId: "baocantho"));

        Assert.That(_sink.KeyAt(written.Path), Is.EqualTo(new RecordKey("baocantho", Records.Id)));
        Assert.That((await _sink.ReadAsync(_sink.KeyAt(written.Path)!.Value))?.Source.Id, Is.EqualTo("baocantho"));
    }

    [TestCase("/etc/passwd")]
    [TestCase("records/baocantho/2f740ade37bd8d1cd214.json")]
    [TestCase("records/baocantho/ff/2f740ade37bd8d1cd214.json")]
    [TestCase("records/../records/baocantho/2f/2f740ade37bd8d1cd214.txt")]
    [TestCase("records/Bao Can Tho/2f/2f740ade37bd8d1cd214.json")]
    [TestCase("elsewhere/baocantho/2f/2f740ade37bd8d1cd214.json")]
    public void A_path_outside_the_records_layout_names_no_record(string location)
    {
        Assert.That(_sink.KeyAt(Path.Combine(_root, location)), Is.Null);
    }

    [Test]
    public void A_location_stored_when_the_output_folder_was_elsewhere_still_names_its_record()
    {
        Assert.That(
            _sink.KeyAt($"/app/out/records/baocantho/{Records.Id[..2]}/{Records.Id}.json"),
            Is.EqualTo(new RecordKey("baocantho", Records.Id)));
    }

    [Test]
    public async Task A_write_after_another_writer_changed_the_file_takes_its_revision_from_what_is_there_now()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());
        RecordSlot stale = await _sink.OpenAsync(RecordKey.Of(Records.Sample()));
        using (var otherNode = new JsonRecordSink(_root))
        {
            await otherNode.OpenAndWriteAsync(Records.Sample(firstParagraph: "Bản sửa của máy khác."));
        }

        WriteResult written = await _sink.WriteAsync(stale, Records.Sample(firstParagraph: "Bản sửa của máy này."));

        Assert.That((written.Written, written.Revision), Is.EqualTo((true, 3)));
    }

    [Test]
    public async Task A_file_holding_another_record_than_its_name_says_is_no_record_of_that_name()
    {
        WriteResult written = await _sink.OpenAndWriteAsync(Records.Sample());
        string json = await File.ReadAllTextAsync(written.Path);
        await File.WriteAllTextAsync(written.Path, json.Replace(Records.Id, "2f00000000000000000a", StringComparison.Ordinal));

        RecordSlot slot = await _sink.OpenAsync(RecordKey.Of(Records.Sample()));

        Assert.That(slot.Existing, Is.Null);
    }

    [Test]
    public async Task A_write_into_the_slot_of_another_record_is_refused_and_writes_nothing()
    {
        RecordSlot other = await _sink.OpenAsync(new RecordKey("baocantho", "00aa"));

        Assert.That(() => _sink.WriteAsync(other, Records.Sample()), Throws.ArgumentException);
        Assert.That(Directory.Exists(Path.Combine(_root, "records")), Is.False);
    }

    [Test]
    public async Task The_stored_record_is_compared_as_it_was_when_the_slot_was_opened()
    {
        await _sink.OpenAndWriteAsync(Records.Sample());
        RecordSlot slot = await _sink.OpenAsync(RecordKey.Of(Records.Sample()));

        WriteResult unchanged = await _sink.WriteAsync(slot, Records.Sample() with { FetchedAt = Records.FetchedAt.AddDays(1) });
        WriteResult changed = await _sink.WriteAsync(slot, Records.Sample(firstParagraph: "Một đoạn mới."));

        Assert.That((unchanged.Written, unchanged.Revision), Is.EqualTo((false, 1)));
        Assert.That((changed.Written, changed.Revision), Is.EqualTo((true, 2)));
    }

    /// <summary>
    /// Every field of a record but its revision and fetch time is content: changing any one of them makes a new
    /// revision. The table must name every property, so a field added later cannot be forgotten here.
    /// </summary>
    [Test]
    public void Every_field_but_revision_and_fetch_time_is_content()
    {
        ArticleRecord sample = Records.Sample();
        LanguageVersion th = sample.Languages["th"];
        var changes = new Dictionary<string, ArticleRecord>
        {
            [nameof(ArticleRecord.Id)] = sample with { Id = "00aa" },
            [nameof(ArticleRecord.SchemaVersion)] = sample with { SchemaVersion = ArticleRecord.FirstSchemaVersion },
            [nameof(ArticleRecord.Url)] = sample with { Url = sample.Url + "?v=2" },
            [nameof(ArticleRecord.Source)] = sample with { Source = sample.Source with { Province = "Cần Thơ" } },
            [nameof(ArticleRecord.Publisher)] = sample with { Publisher = null },
            [nameof(ArticleRecord.PublishedAt)] = sample with { PublishedAt = sample.PublishedAt!.Value.ToOffset(TimeSpan.Zero) },
            [nameof(ArticleRecord.Authors)] = sample with { Authors = ["Minh Đức", "Hà Thu"] },
            [nameof(ArticleRecord.Credits)] = sample with { Credits = [new Credit("TTXVN", CreditKind.Agency)] },
            [nameof(ArticleRecord.SourceLanguage)] = sample with { SourceLanguage = "en" },
            [nameof(ArticleRecord.ContentHash)] = sample with { ContentHash = "sha256:" + new string('b', 64) },
            [nameof(ArticleRecord.Images)] = sample with { Images = [sample.Images[0] with { Caption = null }] },
            [nameof(ArticleRecord.Tags)] = sample with { Tags = [] },
            [nameof(ArticleRecord.SourceLinks)] = sample with { SourceLinks = ["https://example.vn/goc.html"] },
            [nameof(ArticleRecord.Languages)] = sample with
            {
                Languages = sample.Languages.SetItem("th", th with { Provenance = th.Provenance! with { RequestIds = ["req-2"] } }),
            },
        };
        string[] notContent = [nameof(ArticleRecord.Revision), nameof(ArticleRecord.FetchedAt), nameof(ArticleRecord.FetchedUrl), nameof(ArticleRecord.Capture)];

        Assert.That(
            typeof(ArticleRecord).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Except(notContent),
            Is.EquivalentTo(changes.Keys));
        Assert.Multiple(() =>
        {
            foreach ((string field, ArticleRecord changed) in changes)
            {
                Assert.That(JsonRecordSink.SameContent(sample, changed), Is.False, field);
            }
        });
    }

    [Test]
    public void Revision_fetch_time_fetched_url_capture_provenance_times_and_empty_versus_missing_lists_are_not_content()
    {
        ArticleRecord sample = Records.Sample();
        ArticleRecord later = sample with
        {
            Revision = 7,
            FetchedAt = sample.FetchedAt.AddDays(3),
            FetchedUrl = sample.Url + "?from=redirect",
            Capture = new PageCapture("warc/later.warc.gz", 1234, 567, "sha1:" + new string('A', 32)),
            SourceLinks = default,
            Languages = sample.Languages.ToImmutableSortedDictionary(
                p => p.Key,
                p => p.Value.Provenance is null ? p.Value : p.Value with { Provenance = p.Value.Provenance with { At = DateTimeOffset.UnixEpoch } },
                Languages.RecordOrder),
        };

        Assert.That(JsonRecordSink.SameContent(sample, later), Is.True);
    }
}
