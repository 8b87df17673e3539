using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Tests.Fakes;

namespace ArticlePipeline.Core.Tests.Issues;

/// <summary>
/// Issue 14: a source outside the five is kept and translated into all five; every fetch the capture store wants is
/// kept and named by the record; a record is re-extracted from its capture without the network.
/// </summary>
[TestFixture]
public sealed class Issue14RecordV2Tests
{
    private static readonly Uri Url = new("https://baosonghau.example.vn/tin-tuc/a1001.html");
    private static readonly SourceDefinition Source = new() { Id = "baosonghau", Name = "Báo Sông Hậu", HomeUrl = "https://baosonghau.example.vn/" };
    private static readonly string[] Five = ["vi", "uk", "ru", "ro", "th"];
    private static readonly DateTimeOffset FetchedAt = new(2025, 6, 23, 1, 0, 0, TimeSpan.Zero);

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
    public async Task ProcessAsync_EnglishArticle_KeepsTheEnglishOriginalAndTranslatesIntoAllFive()
    {
        ArticleOutcome outcome = await Processor("en", _translator).ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(record.SourceLanguage, Is.EqualTo("en"));
            Assert.That(record.Languages["en"].Status, Is.EqualTo(TranslationStatus.Original));
            Assert.That(record.Languages["en"].Content!.Title, Is.EqualTo(Articles.Vietnamese().Title));
            Assert.That(_translator.Calls.Single(), Is.EqualTo(Five));
            Assert.That(Five.Select(l => record.Languages[l].Status), Is.All.EqualTo(TranslationStatus.Translated));
        }
    }

    [Test]
    public async Task ProcessAsync_EnglishArticleWithoutTranslator_IsWrittenWithTheOriginalAndFivePending()
    {
        ArticleOutcome outcome = await Processor("en", translator: null).ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.PendingLanguages, Is.EqualTo(Five));
            Assert.That(record.Languages["en"].Content!.Blocks, Is.Not.Empty, "the text is never dropped");
            Assert.That(Five.Select(l => record.Languages[l].Status), Is.All.EqualTo(TranslationStatus.Pending));
        }
    }

    [Test]
    public async Task CapturingFetcher_ArticleFetched_IsStoredAndTheRecordNamesItsCapture()
    {
        var store = new MemoryCaptureStore();
        _fetcher.Answer = url => FetchOutcome.Fetched(url, WithExchange(url, "<html>a</html>"u8.ToArray(), contentEncoding: null));
        var capturing = new CapturingPageFetcher(_fetcher, store);

        ArticleOutcome outcome = await new ArticleProcessor(capturing, _extractor, new FakeArticleNormalizer(), null, _sink).ProcessAsync(Url, Source);

        ArticleRecord record = _sink.Writes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(store.Stored, Has.Count.EqualTo(1));
            Assert.That(record.Capture, Is.EqualTo(store.Stored.Keys.Single()));
            Assert.That(record.FetchedUrl, Is.EqualTo(Url.AbsoluteUri));
        }
    }

    [Test]
    public async Task CapturingFetcher_FeedFetched_IsNotStoredUnlessTheStoreKeepsDiscovery()
    {
        _fetcher.Answer = url => FetchOutcome.Fetched(url, WithExchange(url, "<rss/>"u8.ToArray(), contentEncoding: null));
        var articlesOnly = new MemoryCaptureStore();
        var everything = new MemoryCaptureStore { KeepsDiscovery = true };

        FetchOutcome skipped = await new CapturingPageFetcher(_fetcher, articlesOnly).FetchAsync(new Uri("https://baosonghau.example.vn/rss"), purpose: FetchPurpose.Discovery);
        FetchOutcome kept = await new CapturingPageFetcher(_fetcher, everything).FetchAsync(new Uri("https://baosonghau.example.vn/rss"), purpose: FetchPurpose.Discovery);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(articlesOnly.Stored, Is.Empty);
            Assert.That(skipped.Page!.Capture, Is.Null);
            Assert.That(everything.Stored, Has.Count.EqualTo(1));
            Assert.That(kept.Page!.Capture, Is.Not.Null);
        }
    }

    [Test]
    public async Task CapturingFetcher_StoreFailsWithAnIoError_ThePageGoesOnWithoutACapture()
    {
        _fetcher.Answer = url => FetchOutcome.Fetched(url, WithExchange(url, "<html>a</html>"u8.ToArray(), contentEncoding: null));
        var store = new MemoryCaptureStore { Failure = new IOException("read-only file system") };

        FetchOutcome outcome = await new CapturingPageFetcher(_fetcher, store).FetchAsync(Url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched), "the capture is lost, never the article");
            Assert.That(outcome.Page!.Capture, Is.Null);
        }
    }

    [Test]
    public void CapturingFetcher_DiskFull_StopsThePassLikeAFullDiskForRecords()
    {
        _fetcher.Answer = url => FetchOutcome.Fetched(url, WithExchange(url, "<html>a</html>"u8.ToArray(), contentEncoding: null));
        var store = new MemoryCaptureStore { Failure = new StorageFullException("no space left on device") };

        Assert.ThrowsAsync<StorageFullException>(() => new CapturingPageFetcher(_fetcher, store).FetchAsync(Url));
    }

    [Test]
    public async Task Reprocess_GzipCapture_IsDecodedReExtractedAndWrittenOnlyWhenTheExtractionChanged()
    {
        var store = new MemoryCaptureStore();
        byte[] html = Encoding.UTF8.GetBytes("<html><body><p>Nông dân thu hoạch lúa.</p></body></html>");
        PageCapture capture = await store.StoreAsync(WithExchange(Url, Gzip(html), "gzip").Exchange!);
        await Processor("vi", translator: null).ProcessPageAsync(new PageContent(Url, html, "text/html"), FetchedAt, Source, capture: capture);
        ArticleRecord stored = _sink.Writes.Single();
        var extractor = new RecordingExtractor(_extractor);
        var reprocessor = new CaptureReprocessor(store, new ArticleProcessor(_fetcher, extractor, new FakeArticleNormalizer(), null, _sink), Gunzip);

        ArticleOutcome same = await reprocessor.ReprocessAsync(stored, Source, dryRun: true);
        _extractor.Outcome = ExtractionOutcome.Found(Articles.Vietnamese("Một đoạn văn đã được sửa sau khi hồ sơ được viết."));
        ArticleOutcome wouldChange = await reprocessor.ReprocessAsync(stored, Source, dryRun: true);
        int writesAfterDryRun = _sink.Writes.Count;
        ArticleOutcome changed = await reprocessor.ReprocessAsync(stored, Source, dryRun: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(extractor.Bodies[0], Is.EqualTo(html), "the extractor sees the decoded body, not the gzip bytes");
            Assert.That(same.Kind, Is.EqualTo(ArticleOutcomeKind.Unchanged), "same extraction, nothing would change");
            Assert.That(wouldChange.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(writesAfterDryRun, Is.EqualTo(1), "a dry run writes nothing");
            Assert.That(changed.Kind, Is.EqualTo(ArticleOutcomeKind.Written));
            Assert.That(_sink.Writes[^1].Revision, Is.EqualTo(2));
            Assert.That(_sink.Writes[^1].Capture, Is.EqualTo(capture));
            Assert.That(_fetcher.Calls, Is.Empty, "no network");
        }
    }

    [Test]
    public async Task Reprocess_NoCaptureOrUnreadableCapture_FailsWithItsReasonAndWritesNothing()
    {
        await Processor("vi", translator: null).ProcessAsync(Url, Source);
        ArticleRecord stored = _sink.Writes.Single();
        var reprocessor = new CaptureReprocessor(new MemoryCaptureStore(), Processor("vi", null), Gunzip);

        ArticleOutcome none = await reprocessor.ReprocessAsync(stored with { Capture = null }, Source, dryRun: false);
        ArticleOutcome missing = await reprocessor.ReprocessAsync(stored with { Capture = new PageCapture("warc/gone.warc.gz", 0, 10, "sha1:" + new string('D', 32)) }, Source, dryRun: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(none.Reason, Is.EqualTo("no-capture"));
            Assert.That(missing.Reason, Is.EqualTo("capture-unreadable"));
            Assert.That(_sink.Writes, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Reprocess_PageNowNamingAnotherRecordOrSourceNoLongerConfigured_WritesNothing()
    {
        var store = new MemoryCaptureStore();
        PageCapture capture = await store.StoreAsync(WithExchange(Url, "<html>a</html>"u8.ToArray(), contentEncoding: null).Exchange!);
        await Processor("vi", translator: null).ProcessPageAsync(new PageContent(Url, "<html>a</html>"u8.ToArray(), "text/html"), FetchedAt, Source, capture: capture);
        ArticleRecord stored = _sink.Writes.Single();
        var reprocessor = new CaptureReprocessor(store, Processor("vi", null), Gunzip);
        _extractor.Outcome = ExtractionOutcome.Found(Articles.Vietnamese() with { CanonicalUrl = new Uri("https://baosonghau.example.vn/tin-tuc/a1002.html") });

        ArticleOutcome rekeyed = await reprocessor.ReprocessAsync(stored, Source, dryRun: false);
        ArticleOutcome unconfigured = await reprocessor.ReprocessAsync(stored, source: null, dryRun: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rekeyed.Reason, Is.EqualTo("rekeyed"));
            Assert.That(rekeyed.Detail, Does.Contain(stored.Id));
            Assert.That(unconfigured.Reason, Is.EqualTo("source-not-configured"));
            Assert.That(_sink.Writes, Has.Count.EqualTo(1), "no second record, no new revision");
        }
    }

    private ArticleProcessor Processor(string language, ITranslationProvider? translator) =>
        new(_fetcher, _extractor, new FakeArticleNormalizer(language), translator, _sink);

    private static FetchedPage WithExchange(Uri url, byte[] payload, string? contentEncoding)
    {
        ImmutableArray<KeyValuePair<string, string>> headers = contentEncoding is null
            ? [new("Content-Type", "text/html; charset=utf-8")]
            : [new("Content-Type", "text/html; charset=utf-8"), new("Content-Encoding", contentEncoding)];
        var exchange = new HttpExchange(url, "GET", [new("Host", url.Authority)], "1.1", 200, "OK", headers, payload, "127.0.0.1", FetchedAt);
        return FakePageFetcher.Page(url, "<html></html>") with { Exchange = exchange };
    }

    // The fetcher's decoder is tested with the fetcher (Crawling); here a gzip payload is all there is to undo.
    private static Task<(byte[]? Body, string? Reason, string? Detail)> Gunzip(HttpExchange exchange, CancellationToken cancellationToken)
    {
        if (!exchange.ResponseHeaders.Any(h => h.Key == "Content-Encoding" && h.Value == "gzip"))
        {
            return Task.FromResult<(byte[]?, string?, string?)>((exchange.Payload.ToArray(), null, null));
        }

        using var input = new GZipStream(new MemoryStream(exchange.Payload.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return Task.FromResult<(byte[]?, string?, string?)>((output.ToArray(), null, null));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Keeps exchanges in memory, as a WARC store keeps them on disk.</summary>
    private sealed class MemoryCaptureStore : ICaptureStore
    {
        public Dictionary<PageCapture, HttpExchange> Stored { get; } = [];

        public bool KeepsDiscovery { get; init; }

        public Exception? Failure { get; init; }

        public bool Keeps(FetchPurpose purpose) => purpose == FetchPurpose.Article || KeepsDiscovery;

        public Task<PageCapture> StoreAsync(HttpExchange exchange, CancellationToken cancellationToken = default)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            var capture = new PageCapture("warc/memory.warc.gz", Stored.Count * 100L, 100, "sha1:" + new string('E', 32));
            Stored[capture] = exchange;
            return Task.FromResult(capture);
        }

        public Task<HttpExchange?> ReadAsync(PageCapture capture, CancellationToken cancellationToken = default) =>
            Task.FromResult(Stored.GetValueOrDefault(capture));
    }

    private sealed class RecordingExtractor(IArticleExtractor inner) : IArticleExtractor
    {
        public List<byte[]> Bodies { get; } = [];

        public ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile = null)
        {
            Bodies.Add(page.Body.ToArray());
            return inner.Extract(page, profile);
        }
    }
}
