using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Tests.Fakes;

namespace ArticlePipeline.Core.Tests;

[TestFixture]
public sealed class ArticleProcessorTests
{
    private static readonly Uri Url = new("https://baosonghau.example.vn/tin-tuc/a1001.html");
    private static readonly SourceDefinition Source = new() { Id = "baosonghau", Name = "Báo Sông Hậu", HomeUrl = "https://baosonghau.example.vn/" };
    private static readonly string[] Others = ["uk", "ru", "ro", "th"];

    private FakePageFetcher _fetcher = null!;
    private FakeArticleExtractor _extractor = null!;
    private FakeTranslationProvider _translator = null!;
    private FakeRecordSink _sink = null!;

    [SetUp]
    public void SetUp()
    {
        _fetcher = new FakePageFetcher();
        _extractor = new FakeArticleExtractor();
        _translator = new FakeTranslationProvider();
        _sink = new FakeRecordSink();
    }

    [Test]
    public async Task ProcessAsync_FetchFails_IsFailedWithTheFetcherReasonAndWritesNothing()
    {
        _fetcher.Answer = url => FetchOutcome.Failed(url, "http-404", $"{url}: HTTP 404 Not Found");

        ArticleOutcome outcome = await Processor().ProcessAsync(Url, Source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("http-404"));
            Assert.That(outcome.Detail, Does.Contain("HTTP 404"));
            Assert.That(outcome.RecordPath, Is.Null);
            Assert.That(_extractor.Calls, Is.Zero);
            Assert.That(_translator.Calls, Is.Empty);
            Assert.That(_sink.Writes, Is.Empty);
        }
    }

    [Test]
    public async Task ProcessAsync_Refused_IsFailedWithTheRefusalReason()
    {
        _fetcher.Answer = url => FetchOutcome.Refused(url, "address-policy", "loopback");

        ArticleOutcome outcome = await Processor().ProcessAsync(Url, Source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("address-policy"));
            Assert.That(_sink.Writes, Is.Empty);
        }
    }

    [Test]
    public async Task ProcessAsync_NotAnArticle_IsFailedAndWritesNothing()
    {
        _extractor.Outcome = ExtractionOutcome.NotFound("not-an-article");

        ArticleOutcome outcome = await Processor().ProcessAsync(Url, Source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("not-an-article"));
            Assert.That(_sink.Writes, Is.Empty);
            Assert.That(_translator.Calls, Is.Empty);
        }
    }

    [Test]
    public async Task ProcessAsync_Translated_WritesAllFiveLanguages()
    {
        ArticleOutcome outcome = await Processor().ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(outcome.RecordPath, Is.EqualTo(FakeRecordSink.Path("baosonghau", record.Id)));
            Assert.That(outcome.PendingLanguages, Is.Empty);
            Assert.That(outcome.BilledCharacters, Is.GreaterThan(0));
            Assert.That(_translator.Calls.Single(), Is.EqualTo(Others));
            Assert.That(record.Languages.Keys, Is.EqualTo(new[] { "vi", "uk", "ru", "ro", "th" }));
            Assert.That(record.Languages["vi"].Status, Is.EqualTo(TranslationStatus.Original));
            Assert.That(Others.Select(l => record.Languages[l].Status), Is.All.EqualTo(TranslationStatus.Translated));
            Assert.That(record.Languages["th"].Content?.Title, Is.EqualTo(FakeTranslationProvider.Tagged("th", "Nông dân Tân Hậu thu hoạch lúa hè thu sớm")));
            Assert.That(record.Languages["th"].Provenance?.Provider, Is.EqualTo("fake"));
            Assert.That(record.Source, Is.EqualTo(new SourceInfo("baosonghau", "Báo Sông Hậu", null, "baosonghau.example.vn")));
            Assert.That(record.Url, Is.EqualTo("https://baosonghau.example.vn/tin-tuc/a1001.html"));
        }
    }

    [Test]
    public async Task ProcessAsync_TranslatorFails_WritesTheRecordWithFourLanguagesPendingAndTheReason()
    {
        _translator.Failure = new TranslationFailedException("429 Too Many Requests") { IsTransient = true };

        ArticleOutcome outcome = await Processor().ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(outcome.PendingLanguages, Is.EqualTo(Others));
            Assert.That(outcome.BilledCharacters, Is.Zero);
            Assert.That(record.Languages["vi"].Status, Is.EqualTo(TranslationStatus.Original));
            foreach (string language in Others)
            {
                Assert.That(record.Languages[language].Status, Is.EqualTo(TranslationStatus.Pending), language);
                Assert.That(record.Languages[language].Reason, Does.Contain("429 Too Many Requests"), language);
                Assert.That(record.Languages[language].Content, Is.Null, language);
            }
        }
    }

    [Test]
    public async Task ProcessAsync_NoTranslator_WritesMissingLanguagesPending()
    {
        ArticleOutcome outcome = await Processor(translator: null).ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(outcome.PendingLanguages, Is.EqualTo(Others));
            Assert.That(Others.Select(l => record.Languages[l]), Is.All.EqualTo(LanguageVersion.Pending("no translator configured")));
        }
    }

    [Test]
    public async Task ProcessAsync_TranslationNotRequested_WritesMissingLanguagesPendingWithoutCallingTheTranslator()
    {
        await Processor().ProcessAsync(Url, Source, new ProcessOptions(Translate: false));

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_translator.Calls, Is.Empty);
            Assert.That(Others.Select(l => record.Languages[l]), Is.All.EqualTo(LanguageVersion.Pending("translation not requested")));
        }
    }

    [Test]
    public async Task ProcessAsync_RussianArticle_TranslatesIntoTheOtherFour()
    {
        await Processor(normalizer: new FakeArticleNormalizer("ru")).ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_translator.Calls.Single(), Is.EqualTo(new[] { "vi", "uk", "ro", "th" }));
            Assert.That(record.SourceLanguage, Is.EqualTo("ru"));
            Assert.That(record.Languages["ru"].Status, Is.EqualTo(TranslationStatus.Original));
        }
    }

    [Test]
    public async Task ProcessAsync_ExistingRecordWithSameContent_ReusesItsTranslationsWithoutCallingTheTranslator()
    {
        await Processor().ProcessAsync(Url, Source);
        ArticleRecord first = _sink.Writes.Single();
        _translator.Calls.Clear();
        _translator.Failure = new InvalidOperationException("the translator must not be called");

        ArticleOutcome outcome = await Processor().ProcessAsync(Url, Source);

        ArticleRecord second = _sink.Writes[^1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_translator.Calls, Is.Empty);
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(outcome.BilledCharacters, Is.Zero);
            Assert.That(second.ContentHash, Is.EqualTo(first.ContentHash));
            foreach (string language in Others)
            {
                Assert.That(second.Languages[language], Is.SameAs(first.Languages[language]), language);
            }
        }
    }

    [Test]
    public async Task ProcessAsync_ExistingRecordWithChangedContent_TranslatesAgain()
    {
        await Processor().ProcessAsync(Url, Source);
        _translator.Calls.Clear();
        _extractor.Outcome = ExtractionOutcome.Found(Articles.Vietnamese("Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu muộn để tránh lũ."));

        await Processor().ProcessAsync(Url, Source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_translator.Calls.Single(), Is.EqualTo(Others));
            Assert.That(_sink.Writes[^1].Languages["uk"].Content?.Blocks[0].Text, Does.Contain("muộn"));
        }
    }

    [Test]
    public async Task ProcessAsync_ExistingRecordWithPendingLanguages_TranslatesOnlyThose()
    {
        await Processor(translator: null).ProcessAsync(Url, Source);
        ArticleRecord pending = _sink.Writes.Single();
        ArticleRecord partly = pending with
        {
            Languages = pending.Languages.SetItem("uk", new LanguageVersion(
                TranslationStatus.Translated,
                new LanguageContent("[uk] old", null, []),
                new Provenance(null, null, "fake", ["r0"], DateTimeOffset.UnixEpoch),
                null)),
        };
        _sink.Stored[("baosonghau", pending.Id)] = partly;

        await Processor().ProcessAsync(Url, Source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_translator.Calls.Single(), Is.EqualTo(new[] { "ru", "ro", "th" }));
            Assert.That(_sink.Writes[^1].Languages["uk"].Content?.Title, Is.EqualTo("[uk] old"));
            Assert.That(_sink.Writes[^1].Languages["ru"].Status, Is.EqualTo(TranslationStatus.Translated));
        }
    }

    [Test]
    public async Task ProcessAsync_ReadsTheStoredRecordOnceAndWritesItThroughTheSameSlot()
    {
        await Processor().ProcessAsync(Url, Source);
        int readsBefore = _sink.Reads;

        ArticleOutcome again = await Processor().ProcessAsync(Url, Source, new ProcessOptions(Force: true));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_sink.Reads - readsBefore, Is.EqualTo(1));
            Assert.That(again.RecordPath, Is.EqualTo(FakeRecordSink.Path("baosonghau", _sink.Writes[^1].Id)));
            Assert.That(_sink.Writes[^1].Revision, Is.EqualTo(2));
            Assert.That(_sink.Writes[^1].Languages.Keys, Is.EquivalentTo(new[] { "vi", "uk", "ru", "ro", "th" }));
        }
    }

    [Test]
    public async Task ProcessAsync_SinkCannotWrite_IsFailedWithWrite()
    {
        ArticleOutcome outcome = await Processor(sink: new ThrowingSink()).ProcessAsync(Url, Source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Failed));
            Assert.That(outcome.Reason, Is.EqualTo("write"));
            Assert.That(outcome.Detail, Does.Contain("disk full"));
        }
    }

    [Test]
    public async Task ProcessAsync_NoSource_FilesTheRecordUnderAdhoc()
    {
        await Processor().ProcessAsync(Url, source: null);

        Assert.That(_sink.Writes.Single().Source, Is.EqualTo(new SourceInfo("adhoc", null, null, "baosonghau.example.vn")));
    }

    private ArticleProcessor Processor(IArticleNormalizer? normalizer = null, IRecordSink? sink = null) =>
        new(_fetcher, _extractor, normalizer ?? new FakeArticleNormalizer(), _translator, sink ?? _sink);

    private ArticleProcessor Processor(ITranslationProvider? translator) =>
        new(_fetcher, _extractor, new FakeArticleNormalizer(), translator, _sink);

    private sealed class ThrowingSink : IRecordSink
    {
        public Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default) =>
            Task.FromResult(new RecordSlot(key, "/out/records/x.json", null));

        public Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default) =>
            throw new IOException("cannot write /out/records/x.json: disk full");

        public RecordKey? KeyAt(string location) => null;
    }
}
