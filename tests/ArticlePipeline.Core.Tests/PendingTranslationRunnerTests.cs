using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Tests.Fakes;

namespace ArticlePipeline.Core.Tests;

/// <summary><c>translate --pending</c>: records are found through the sink's own keys and read once each.</summary>
[TestFixture]
public sealed class PendingTranslationRunnerTests
{
    private static readonly Uri Url = new("https://baosonghau.example.vn/tin-tuc/a1001.html");
    private static readonly SourceDefinition Source = new() { Id = "baosonghau", Name = "Báo Sông Hậu", HomeUrl = "https://baosonghau.example.vn/" };

    private FakeRecordSink _sink = null!;
    private FakePendingTranslations _pending = null!;

    [SetUp]
    public async Task SetUp()
    {
        _sink = new FakeRecordSink();
        _pending = new FakePendingTranslations();
        var processor = new ArticleProcessor(
            new FakePageFetcher(), new FakeArticleExtractor(), new FakeArticleNormalizer(), translator: null, _sink, pending: _pending);
        await processor.ProcessAsync(Url, Source);
    }

    [Test]
    public async Task A_listed_record_is_read_once_translated_and_leaves_the_list()
    {
        int readsBefore = _sink.Reads;

        PendingTranslationSummary summary = await new PendingTranslationRunner(new FakeTranslationProvider(), _sink, _pending).RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Records, Is.EqualTo(1));
            Assert.That(_sink.Reads - readsBefore, Is.EqualTo(1));
            Assert.That(_sink.Writes[^1].Revision, Is.EqualTo(2));
            Assert.That(_sink.Writes[^1].Languages.Values.Select(v => v.Status), Has.None.EqualTo(TranslationStatus.Pending));
            Assert.That(_pending.Items, Is.Empty);
        }
    }

    [Test]
    public async Task A_listed_location_the_sink_cannot_read_a_key_from_is_skipped_without_translating_and_stays_listed()
    {
        PendingTranslation listed = _pending.Items.Values.Single();
        await _pending.RemoveAsync(listed.RecordPath);
        await _pending.AddAsync(listed with { RecordPath = "/elsewhere/" + listed.RecordId + ".json" });
        var translator = new FakeTranslationProvider();

        PendingTranslationSummary summary = await new PendingTranslationRunner(translator, _sink, _pending).RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((summary.Records, summary.Skipped), Is.EqualTo((0, 1)));
            Assert.That(translator.Calls, Is.Empty);
            Assert.That(_pending.Items.Keys, Is.EqualTo(new[] { "/elsewhere/" + listed.RecordId + ".json" }));
        }
    }
}
