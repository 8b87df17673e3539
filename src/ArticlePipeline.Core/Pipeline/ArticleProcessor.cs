using System.Collections.Immutable;
using System.Diagnostics;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Carries one article through fetch, extract, normalize, translate and emit.</summary>
/// <remarks>
/// Every expected outcome (404, not an article, unchanged, translator down) is returned as an
/// <see cref="ArticleOutcome"/>; only cancellation and a full disk (<see cref="StorageFullException"/>, which
/// stops the pass rather than failing one article) escape as exceptions. A translator failure never
/// loses the article: it is written with the missing languages pending.
/// </remarks>
public sealed partial class ArticleProcessor
{
    /// <summary>The source id of pages outside every configured source.</summary>
    internal const string AdhocSourceId = "adhoc";

    private readonly IPageFetcher _fetcher;
    private readonly IArticleExtractor _extractor;
    private readonly IArticleNormalizer _normalizer;
    private readonly ITranslationProvider? _translator;
    private readonly IRecordSink _sink;
    private readonly IStateStore? _state;
    private readonly IPendingTranslations? _pending;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly LanguageFiller _languages;
    private readonly EditionFinder _editions;
    private readonly SourceDirectory? _sources;

    // Taken in this order: an original's copies, then its record (see CompleteAsync).
    private readonly KeyedLocks _locks = new();

    /// <summary>Creates the processor from one implementation of each stage.</summary>
    /// <param name="fetcher">Fetch stage.</param>
    /// <param name="extractor">Extract stage.</param>
    /// <param name="normalizer">Normalize stage.</param>
    /// <param name="translator">Translate stage; <see langword="null"/> leaves missing languages pending.</param>
    /// <param name="sink">Emit stage.</param>
    /// <param name="state">State store; <see langword="null"/> disables conditional GET.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock for state timestamps; the system clock when <see langword="null"/>.</param>
    /// <param name="pending">Where records with pending languages are listed for <c>translate --pending</c>.</param>
    /// <param name="sources">The configured sources, for the original a mirror page names; without them it is an <c>adhoc</c> article.</param>
    public ArticleProcessor(
        IPageFetcher fetcher,
        IArticleExtractor extractor,
        IArticleNormalizer normalizer,
        ITranslationProvider? translator,
        IRecordSink sink,
        IStateStore? state = null,
        ILogger<ArticleProcessor>? logger = null,
        TimeProvider? timeProvider = null,
        IPendingTranslations? pending = null,
        SourceDirectory? sources = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _pending = pending;
        _fetcher = fetcher;
        _extractor = extractor;
        _normalizer = normalizer;
        _translator = translator;
        _sink = sink;
        _state = state;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _languages = new LanguageFiller(translator, _logger);
        _sources = sources;
        _editions = new EditionFinder(fetcher, extractor, normalizer, sources, _logger);
    }

    /// <summary>Fetches, extracts, translates and writes the article at <paramref name="url"/>.</summary>
    /// <param name="url">The article URL.</param>
    /// <param name="source">The configured source it belongs to, if any.</param>
    /// <param name="options">Force and translation switches.</param>
    /// <param name="cancellationToken">Cancels processing; a write in progress completes.</param>
    /// <returns>What happened.</returns>
    /// <remarks>
    /// The explicit path (<c>rerun</c>): parked and backed-off URLs are fetched anyway, a robots.txt refusal is a
    /// failure, and a success clears the URL's failure count. Crawls go through <see cref="CrawlAsync"/>.
    /// </remarks>
    public async Task<ArticleOutcome> ProcessAsync(
        Uri url,
        SourceDefinition? source,
        ProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using Activity? span = PipelineActivities.StartArticle(url, source?.Id);
        try
        {
            ArticleOutcome outcome = await ProcessCoreAsync(url, source, options ?? new ProcessOptions(), cancellationToken).ConfigureAwait(false);
            PipelineActivities.SetOutcome(span, OutcomeName(outcome.Kind), outcome.Reason);
            return outcome;
        }
        catch (Exception ex)
        {
            PipelineActivities.SetException(span, ex);
            throw;
        }
    }

    private async Task<ArticleOutcome> ProcessCoreAsync(Uri url, SourceDefinition? source, ProcessOptions options, CancellationToken cancellationToken)
    {
        Uri key = CrawlFrontier.Key(url, source);
        PageState? previous = await GetStateAsync(key, cancellationToken).ConfigureAwait(false);

        FetchOutcome fetch = await FetchAsync(url, options.Force || !options.Conditional ? null : previous?.Validators, cancellationToken).ConfigureAwait(false);
        if (fetch.Status == FetchStatus.NotModified)
        {
            await SaveAsync(Succeeded(key, previous, previous?.Validators, previous?.ContentHash, previous?.RecordPath, NotModifiedOutcome(previous)), cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "not-modified", null);
            return new ArticleOutcome(url, ArticleOutcomeKind.NotModified, null, null, previous?.RecordPath, [], 0);
        }

        if (fetch.Page is null)
        {
            string reason = fetch.Reason ?? "fetch";
            await SaveAsync(ManualFailure(key, previous, PageOutcome.Failure(reason)), cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "failed:" + reason, fetch.Detail);
            return ArticleOutcome.Failure(url, reason, fetch.Detail);
        }

        FetchedPage page = fetch.Page;
        PreparedArticle? prepared = Prepare(page.Content, page.FetchedAt, page.Capture, source, out ArticleOutcome? notAnArticle);
        if (prepared is null)
        {
            await SaveAsync(ManualFailure(key, previous, PageOutcome.Failure(notAnArticle!.Reason!)), cancellationToken).ConfigureAwait(false);
            return notAnArticle with { Url = url };
        }

        ArticleOutcome outcome = await CompleteOrMergeAsync(prepared, options, batch: null, cancellationToken).ConfigureAwait(false);
        await SaveAsync(
            outcome.Kind == ArticleOutcomeKind.Failed
                ? ManualFailure(key, previous, PageOutcome.Failure(outcome.Reason!))
                : Succeeded(key, previous, Validators(page), prepared.Draft.ContentHash, outcome.RecordPath, Stored(outcome.Kind)),
            cancellationToken).ConfigureAwait(false);
        return outcome with { Url = url };
    }

    /// <summary>
    /// Crawls one discovered URL: the frontier first (parked and backed-off URLs are skipped without a request),
    /// then a conditional GET; robots.txt refusals and over-large bodies are skips, failures are recorded with
    /// exponential backoff (and parking), a page whose <c>link rel=canonical</c> was already crawled for its source in
    /// this pass or whose content is stored under another canonical URL (a syndicated copy) is skipped, and the rest
    /// is written.
    /// </summary>
    /// <param name="url">The discovered URL.</param>
    /// <param name="source">Its source.</param>
    /// <param name="pass">The pass (seen-set, failure policy and shared translation batches).</param>
    /// <param name="cancellationToken">Cancels processing; a write in progress completes.</param>
    /// <returns>What happened, with a skip reason when nothing was written for a reason other than a failure.</returns>
    public async Task<CrawlItemResult> CrawlAsync(
        Uri url,
        SourceDefinition source,
        CrawlPass pass,
        CancellationToken cancellationToken = default) =>
        await (await StartCrawlAsync(url, source, pass, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>
    /// <see cref="CrawlAsync"/> in two steps: the returned task completes when the page is fetched and checked (what
    /// paces the host), and its result when the article is translated and written, so a pass fetches the next URL
    /// while articles wait to share a Translator request (<see cref="CrawlOptions.TranslationWindowSeconds"/>).
    /// </summary>
    /// <param name="url">The discovered URL.</param>
    /// <param name="source">Its source.</param>
    /// <param name="pass">The pass (seen-set, failure policy and shared translation batches).</param>
    /// <param name="cancellationToken">Cancels processing; a write in progress completes.</param>
    /// <returns>The fetch step, whose result is the article's outcome.</returns>
    public async Task<Task<CrawlItemResult>> StartCrawlAsync(
        Uri url,
        SourceDefinition source,
        CrawlPass pass,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pass);

        // The article's span outlives this method: it ends when the article is written, which may be after the
        // next URL was fetched (the translation window).
        Activity? span = PipelineActivities.StartArticle(url, source.Id);
        if (span is null)
        {
            return await StartCrawlCoreAsync(url, source, pass, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return EndArticleAsync(span, await StartCrawlCoreAsync(url, source, pass, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            PipelineActivities.SetException(span, ex);
            span.Dispose();
            throw;
        }
    }

    private static async Task<CrawlItemResult> EndArticleAsync(Activity span, Task<CrawlItemResult> article)
    {
        using (span)
        {
            try
            {
                CrawlItemResult result = await article.ConfigureAwait(false);
                PipelineActivities.SetOutcome(
                    span,
                    result.Outcome is { } outcome ? OutcomeName(outcome.Kind) : "skipped",
                    result.Outcome?.Reason ?? result.SkipReason);
                return result;
            }
            catch (Exception ex)
            {
                PipelineActivities.SetException(span, ex);
                throw;
            }
        }
    }

    private async Task<Task<CrawlItemResult>> StartCrawlCoreAsync(
        Uri url,
        SourceDefinition source,
        CrawlPass pass,
        CancellationToken cancellationToken)
    {
        Uri key = CrawlFrontier.Key(url, source);
        PageState? previous = await GetStateAsync(key, cancellationToken).ConfigureAwait(false);
        FrontierDecision decision = CrawlFrontier.Decide(previous, _time.GetUtcNow(), pass.Options, pass.ListedModified(key));
        if (!decision.Fetch)
        {
            LogOutcome(url, "skipped:" + decision.Reason, decision.Detail);
            return Task.FromResult(CrawlItemResult.Skipped(url, decision.Reason!, decision.Detail));
        }

        FetchOutcome fetch = await FetchAsync(url, previous?.Validators, cancellationToken).ConfigureAwait(false);
        if (fetch.Status == FetchStatus.NotModified)
        {
            await SaveAsync(Succeeded(key, previous, previous?.Validators, previous?.ContentHash, previous?.RecordPath, NotModifiedOutcome(previous)), cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "not-modified", null);
            return Task.FromResult(CrawlItemResult.Processed(new ArticleOutcome(url, ArticleOutcomeKind.NotModified, null, null, previous?.RecordPath, [], 0)));
        }

        if (fetch.Page is null)
        {
            string reason = fetch.Reason ?? "fetch";
            if (reason == SkipReasons.Robots)
            {
                // Never requested: nothing to remember, and robots.txt is asked again when its cache expires.
                LogOutcome(url, "skipped:" + reason, fetch.Detail);
                return Task.FromResult(CrawlItemResult.Skipped(url, SkipReasons.Robots, fetch.Detail));
            }

            LogOutcome(url, (reason == SkipReasons.TooLarge ? "skipped:" : "failed:") + reason, fetch.Detail);

            if (reason is FetchReasons.CircuitOpen or FetchReasons.HostBusy)
            {
                // The host failed, or was another worker's for too long, not this URL, and no request was made: its
                // state is left alone (no backoff, never parked for it), and the next pass asks it again.
                return Task.FromResult(CrawlItemResult.Processed(ArticleOutcome.Failure(url, reason, fetch.Detail), requested: false));
            }

            (_, ParkedUrl? parked) = await RecordFailureAsync(url, key, previous, reason, pass, cancellationToken).ConfigureAwait(false);
            return Task.FromResult(reason == SkipReasons.TooLarge
                ? CrawlItemResult.Skipped(url, SkipReasons.TooLarge, fetch.Detail, requested: true) with { Parked = parked }
                : CrawlItemResult.Processed(ArticleOutcome.Failure(url, reason, fetch.Detail)) with { Parked = parked });
        }

        FetchedPage page = fetch.Page;
        PreparedArticle? prepared = Prepare(page.Content, page.FetchedAt, page.Capture, source, out ArticleOutcome? notAnArticle);
        if (prepared is null)
        {
            (_, ParkedUrl? parked) = await RecordFailureAsync(url, key, previous, notAnArticle!.Reason!, pass, cancellationToken).ConfigureAwait(false);
            return Task.FromResult(CrawlItemResult.Processed(notAnArticle with { Url = url }) with { Parked = parked });
        }

        string hash = prepared.Draft.ContentHash;
        Uri canonical = CrawlFrontier.Key(new Uri(prepared.Draft.Url), source);
        if (canonical != key && !pass.TryClaim(canonical, source.Id))
        {
            string detail = $"{url}: its canonical URL {canonical} was already crawled for source '{source.Id}' in this pass";
            await SaveAsync(Succeeded(key, previous, Validators(page), hash, previous?.RecordPath, PageOutcome.SeenAs(canonical)), cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "skipped:" + SkipReasons.Seen, detail);
            return Task.FromResult(CrawlItemResult.Skipped(url, SkipReasons.Seen, detail, requested: true));
        }

        if (await FindOriginalAsync(key, canonical, prepared.Draft.Id, previous, hash, cancellationToken).ConfigureAwait(false) is { } original)
        {
            string detail = $"{url}: same content as {original} (a syndicated copy)";
            await SaveAsync(Succeeded(key, previous, Validators(page), hash, null, PageOutcome.DuplicateOf(original)), cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "skipped:" + SkipReasons.Duplicate, detail);
            return Task.FromResult(CrawlItemResult.Skipped(url, SkipReasons.Duplicate, detail, requested: true));
        }

        // Fetched and checked: the host may serve the next URL while this article is translated and written.
        return FinishCrawlAsync(url, key, previous, page, prepared, pass, cancellationToken);
    }

    private async Task<CrawlItemResult> FinishCrawlAsync(
        Uri url,
        Uri key,
        PageState? previous,
        FetchedPage page,
        PreparedArticle prepared,
        CrawlPass pass,
        CancellationToken cancellationToken)
    {
        string hash = prepared.Draft.ContentHash;
        PassTranslations? batch = _translator is null ? null : pass.Translations(_translator, _time);
        ArticleOutcome outcome = await CompleteOrMergeAsync(prepared, new ProcessOptions(), batch, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind == ArticleOutcomeKind.Failed)
        {
            (_, ParkedUrl? parked) = await RecordFailureAsync(url, key, previous, outcome.Reason ?? "write", pass, cancellationToken).ConfigureAwait(false);
            return CrawlItemResult.Processed(outcome with { Url = url }) with { Parked = parked };
        }

        await SaveAsync(
            Succeeded(key, previous, Validators(page), hash, outcome.RecordPath, Stored(outcome.Kind)),
            cancellationToken).ConfigureAwait(false);
        return CrawlItemResult.Processed(outcome with { Url = url });
    }

    /// <summary>The stored states of a listing's URLs (by their frontier keys' <see cref="Uri.AbsoluteUri"/>), in one read.</summary>
    /// <param name="urls">The discovered URLs.</param>
    /// <param name="source">Their source.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The states found; none without a state store.</returns>
    internal async Task<IReadOnlyDictionary<string, PageState>> GetStatesAsync(IEnumerable<Uri> urls, SourceDefinition source, CancellationToken cancellationToken) =>
        _state is null
            ? ImmutableDictionary<string, PageState>.Empty
            : await _state.GetPagesAsync([.. urls.Select(u => CrawlFrontier.Key(u, source))], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The frontier's decision on a discovered URL's stored state (parked, backoff, revisit not due), before a work item
    /// is queued for it; the item's crawl decides again when it is taken (another node may have fetched it meanwhile).
    /// </summary>
    /// <param name="url">The discovered URL.</param>
    /// <param name="known">Its stored state, if it was ever seen.</param>
    /// <param name="options">The failure and revisit policy.</param>
    /// <param name="listedModified">When its listing says the page last changed, if it says.</param>
    /// <returns>Fetch, or the skip with its reason (logged as a crawl's skip is).</returns>
    internal FrontierDecision Decide(Uri url, PageState? known, CrawlOptions options, DateTimeOffset? listedModified)
    {
        FrontierDecision decision = CrawlFrontier.Decide(known, _time.GetUtcNow(), options, listedModified);
        if (!decision.Fetch)
        {
            LogOutcome(url, "skipped:" + decision.Reason, decision.Detail);
        }

        return decision;
    }

    /// <summary>
    /// A source of <paramref name="pass"/> starts or ends fetching: while any fetches, its articles' translations wait
    /// (<see cref="CrawlOptions.TranslationWindowSeconds"/>) to share requests; otherwise each goes at once.
    /// </summary>
    /// <param name="pass">The pass.</param>
    /// <param name="fetching">Whether the source starts or has fetched everything.</param>
    internal void SourceFetching(CrawlPass pass, bool fetching) => pass.Fetching(_translator, _time, fetching);

    /// <summary>Extracts, translates and writes a page that is already in hand.</summary>
    /// <param name="page">The page bytes.</param>
    /// <param name="fetchedAt">When the page was fetched.</param>
    /// <param name="source">The configured source, if any.</param>
    /// <param name="options">Force and translation switches.</param>
    /// <param name="capture">Where the page's response is kept, when it came from a capture (<c>reprocess</c>).</param>
    /// <param name="cancellationToken">Cancels processing.</param>
    /// <returns>What happened.</returns>
    public async Task<ArticleOutcome> ProcessPageAsync(
        PageContent page,
        DateTimeOffset fetchedAt,
        SourceDefinition? source,
        ProcessOptions? options = null,
        PageCapture? capture = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        PreparedArticle? prepared = Prepare(page, fetchedAt, capture, source, out ArticleOutcome? notAnArticle);
        // Re-extracting a page in hand (a capture, a file) fetches nothing: stored editions are kept as they pass the check.
        return prepared is null
            ? notAnArticle!
            : await CompleteAsync(prepared, options ?? new ProcessOptions(), batch: null, cancellationToken, fetchEditions: false).ConfigureAwait(false);
    }

    private PreparedArticle? Prepare(PageContent page, DateTimeOffset fetchedAt, PageCapture? capture, SourceDefinition? source, out ArticleOutcome? failure)
    {
        using Activity? span = PipelineActivities.StartStage(PipelineActivities.Extract, page.Url);
        ExtractionOutcome extraction = _extractor.Extract(page, source?.Profile);
        if (extraction.Article is null)
        {
            LogOutcome(page.Url, "failed:" + extraction.Reason, null);
            PipelineActivities.SetOutcome(span, "failed", extraction.Reason ?? "not-an-article");
            failure = ArticleOutcome.Failure(page.Url, extraction.Reason ?? "not-an-article", extraction.Detail ?? "no article text found on the page");
            return null;
        }

        failure = null;
        ExtractedArticle article = _normalizer.Normalize(extraction.Article);
        SourceInfo sourceInfo = source is null
            ? new SourceInfo(AdhocSourceId, null, null, page.Url.IsFile ? null : page.Url.Host)
            : new SourceInfo(source.Id, source.Name, source.Province, page.Url.IsFile ? null : page.Url.Host);
        ArticleRecord draft = RecordBuilder.Build(article, page.Url, sourceInfo, fetchedAt, ImmutableDictionary<string, LanguageVersion>.Empty, source, capture);
        return new PreparedArticle(page, article, draft, source);
    }

    /// <summary>A fetched page: a copy (a mirror's, a publisher's edition page) fills its original's record, anything else is completed as itself.</summary>
    private Task<ArticleOutcome> CompleteOrMergeAsync(PreparedArticle prepared, ProcessOptions options, PassTranslations? batch, CancellationToken cancellationToken) =>
        MirroredOriginal(prepared) is { } named
            ? MirrorAsync(prepared, named, options, batch, cancellationToken)
            : CompleteAsync(prepared, options, batch, cancellationToken);

    private async Task<ArticleOutcome> CompleteAsync(
        PreparedArticle prepared,
        ProcessOptions options,
        PassTranslations? batch,
        CancellationToken cancellationToken,
        IReadOnlyList<EditionPage>? mirrored = null,
        bool fetchEditions = true)
    {
        (PageContent page, ExtractedArticle article, ArticleRecord draft, SourceDefinition? source) = prepared;
        if (options.Key is { } expected && RecordKey.Of(draft) is var key && key != expected)
        {
            LogOutcome(page.Url, "failed:rekeyed", null);
            return ArticleOutcome.Failure(
                page.Url,
                "rekeyed",
                $"the page now makes record {key.SourceId}/{key.Id}, not {expected.SourceId}/{expected.Id} (its canonical URL or the source's rules changed); the stored record is left as it is");
        }

        // One write of a record at a time in this process: the original's own crawl and a copy of it (its edition, a
        // mirror's page) may be in flight together, and the later write must see the earlier, or a machine
        // translation read before an edition was merged would replace it.
        using IDisposable recordLock = await _locks.AcquireAsync("record\n" + RecordKey.Of(draft), cancellationToken).ConfigureAwait(false);

        // The stored record is read once: its translations are reused here and its revision decided by the sink.
        RecordSlot slot = await _sink.OpenAsync(RecordKey.Of(draft), cancellationToken).ConfigureAwait(false);
        if (options.DryRun)
        {
            return DryRun(page.Url, slot, draft);
        }

        // Human translations first (the publisher's editions, a mirror's copies); the translator fills only what they leave.
        FoundEditions editions;
        using (PipelineActivities.StartStage(PipelineActivities.Editions))
        {
            editions = await _editions
                .FindAsync(article, draft, page.Url, source, slot.Existing, mirrored ?? [], fetchEditions && !page.Url.IsFile, cancellationToken)
                .ConfigureAwait(false);
        }

        Dictionary<string, LanguageVersion> others;
        long billed, saved;
        ImmutableDictionary<string, LanguageTranslationStats>? byLanguage;
        int machine;
        using (Activity? translating = PipelineActivities.StartStage(PipelineActivities.Translate))
        {
            (others, billed, saved, byLanguage, machine) =
                await _languages.FillAsync(article, draft, slot.Existing, editions.Languages, options, batch, cancellationToken).ConfigureAwait(false);
            translating?.SetTag("articlepipeline.characters_billed", billed).SetTag("articlepipeline.characters_saved", saved);
        }

        ArticleRecord record = draft with { Languages = draft.Languages.SetItems(others) };

        WriteResult written;
        using Activity? writing = PipelineActivities.StartStage(PipelineActivities.Write);
        try
        {
            written = await _sink.WriteAsync(slot, record, options.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (!StorageFullException.IsStorageFull(ex))
        {
            // A full disk is not this article's failure: it goes up to the pass, which stops (see CrawlRunner).
            PipelineActivities.SetOutcome(writing, "failed", "write");
            LogOutcome(page.Url, "failed:write", ex.Message);
            return ArticleOutcome.Failure(page.Url, "write", ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            PipelineActivities.SetOutcome(writing, "failed", "write");
            LogOutcome(page.Url, "failed:write", ex.Message);
            return ArticleOutcome.Failure(page.Url, "write", ex.Message);
        }

        ImmutableArray<string> pending = others
            .Where(p => p.Value.Status is TranslationStatus.Pending or TranslationStatus.Failed)
            .Select(p => p.Key)
            .Order(Languages.RecordOrder)
            .ToImmutableArray();
        await TrackPendingAsync(record, written.Path, pending, others, cancellationToken).ConfigureAwait(false);
        string kind = written.Written ? "written" : "unchanged";
        LogOutcome(page.Url, kind, written.Path);
        return new ArticleOutcome(
            page.Url,
            written.Written ? ArticleOutcomeKind.Written : ArticleOutcomeKind.Unchanged,
            null,
            null,
            written.Path,
            pending,
            billed,
            saved,
            others.Values.Count(static v => v.Status == TranslationStatus.Failed),
            byLanguage)
        {
            Editions = editions.Stats with { Machine = machine },
        };
    }

    /// <summary>
    /// Whether writing <paramref name="draft"/> would make a new revision, writing and translating nothing: the stored
    /// record's other languages are taken as they are when the text is the same, so only a change of what was extracted counts.
    /// </summary>
    private ArticleOutcome DryRun(Uri url, RecordSlot slot, ArticleRecord draft)
    {
        ImmutableSortedDictionary<string, LanguageVersion> languages = draft.Languages;
        foreach (string language in RecordBuilder.MissingLanguages(draft.SourceLanguage))
        {
            languages = languages.SetItem(
                language,
                slot.Existing is { } stored && stored.ContentHash == draft.ContentHash && stored.Languages.TryGetValue(language, out LanguageVersion? kept)
                    ? kept
                    : LanguageVersion.Pending("translation not requested"));
        }

        bool changes = _sink.WouldChange(slot, draft with { Languages = languages });
        LogOutcome(url, changes ? "would-change" : "unchanged", slot.Location);
        return new ArticleOutcome(url, changes ? ArticleOutcomeKind.Written : ArticleOutcomeKind.Unchanged, null, null, slot.Location, [], 0);
    }

    /// <summary>
    /// The URL already holding this content under another canonical URL, when <paramref name="key"/> is a copy of it
    /// (a syndicated copy would otherwise get a record id of its own). The same canonical URL is the same article,
    /// not a copy: each source keeps its record of it. A URL keeps its verdict while its content stays the same, so
    /// an original is never re-labelled a copy of its own copies.
    /// </summary>
    private async Task<Uri?> FindOriginalAsync(Uri key, Uri canonical, string recordId, PageState? previous, string hash, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return null;
        }

        if (previous?.ContentHash == hash)
        {
            return previous.LastOutcome is { Kind: PageOutcomeKind.Duplicate, Other: { } known } ? known : null;
        }

        Uri? other = await _state.FindByContentHashAsync(hash, cancellationToken).ConfigureAwait(false);
        if (other is null || other == key || other == canonical)
        {
            return null;
        }

        // The record id comes from the canonical URL: a record of the same id is the same article.
        PageState? original = await _state.GetPageAsync(other, cancellationToken).ConfigureAwait(false);
        return original?.RecordPath is { } location && _sink.KeyAt(location)?.Id == recordId ? null : other;
    }

    private async Task<(PageState State, ParkedUrl? Parked)> RecordFailureAsync(
        Uri url,
        Uri key,
        PageState? previous,
        string reason,
        CrawlPass pass,
        CancellationToken cancellationToken)
    {
        PageState failed = CrawlFrontier.AfterFailure(key, previous, PageOutcome.Failure(reason), _time.GetUtcNow(), pass.Options);
        await SaveAsync(failed, cancellationToken).ConfigureAwait(false);
        ParkedUrl? parked = failed.Parked && previous?.Parked != true ? new ParkedUrl(url, reason, failed.ConsecutiveFailures) : null;
        if (parked is not null)
        {
            LogParked(url, failed.ConsecutiveFailures, reason);
        }

        return (failed, parked);
    }

    private async Task TrackPendingAsync(
        ArticleRecord record,
        string path,
        ImmutableArray<string> pending,
        Dictionary<string, LanguageVersion> others,
        CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            return;
        }

        if (pending.IsEmpty)
        {
            await _pending.RemoveAsync(path, cancellationToken).ConfigureAwait(false);
            return;
        }

        string reason = others[pending[0]].Reason ?? "pending";
        await _pending.AddAsync(new PendingTranslation(path, record.Id, pending, reason, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches an article page inside its own span, tagged with the HTTP status or the failure reason.</summary>
    private async Task<FetchOutcome> FetchAsync(Uri url, FetchValidators? validators, CancellationToken cancellationToken)
    {
        using Activity? span = PipelineActivities.StartStage(PipelineActivities.Fetch, url);
        FetchOutcome fetch = await _fetcher.FetchAsync(url, validators, FetchPurpose.Article, cancellationToken).ConfigureAwait(false);
        if (span is not null)
        {
            span.SetTag("articlepipeline.fetch.status", fetch.Status.ToString());
            if (fetch.Page is null && fetch.Status != FetchStatus.NotModified)
            {
                string reason = fetch.Reason ?? "fetch";
                PipelineActivities.SetOutcome(span, reason is SkipReasons.Robots or SkipReasons.TooLarge ? "skipped" : "failed", reason);
            }
        }

        return fetch;
    }

    /// <summary>The name an outcome has in metrics, spans and logs.</summary>
    internal static string OutcomeName(ArticleOutcomeKind kind) => kind switch
    {
        ArticleOutcomeKind.Written => "written",
        ArticleOutcomeKind.Unchanged => "unchanged",
        ArticleOutcomeKind.NotModified => "not-modified",
        _ => "failed",
    };

    private async Task<PageState?> GetStateAsync(Uri key, CancellationToken cancellationToken) =>
        _state is null ? null : await _state.GetPageAsync(key, cancellationToken).ConfigureAwait(false);

    private async Task SaveAsync(PageState state, CancellationToken cancellationToken)
    {
        if (_state is not null)
        {
            await _state.SavePageAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A 304 changes nothing: a URL known as a syndicated copy stays one.</summary>
    private static PageOutcome NotModifiedOutcome(PageState? previous) =>
        previous?.LastOutcome is { Kind: PageOutcomeKind.Duplicate } copy ? copy : PageOutcome.NotModified;

    /// <summary>The stored outcome of an article that got through.</summary>
    private static PageOutcome Stored(ArticleOutcomeKind kind) => kind switch
    {
        ArticleOutcomeKind.Written => PageOutcome.Written,
        ArticleOutcomeKind.Unchanged => PageOutcome.Unchanged,
        ArticleOutcomeKind.NotModified => PageOutcome.NotModified,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a failure is stored with its reason"),
    };

    private static FetchValidators? Validators(FetchedPage page) =>
        page.ETag is null && page.LastModified is null ? null : new FetchValidators(page.ETag, page.LastModified);

    /// <summary>
    /// A success: the failure count, the backoff and the parking are cleared, and a URL fetched successfully before
    /// counts one more revisit (its next check is due later, see <see cref="CrawlOptions.RevisitSchedule"/>).
    /// </summary>
    private PageState Succeeded(Uri key, PageState? previous, FetchValidators? validators, string? hash, string? recordPath, PageOutcome outcome) =>
        new(key, validators, hash ?? previous?.ContentHash, recordPath ?? previous?.RecordPath, outcome, 0, _time.GetUtcNow(),
            Revisits: previous is { ContentHash: not null } ? previous.Revisits + 1 : 0);

    /// <summary>A failure of the explicit path: counted, but a manual run neither schedules nor parks the URL.</summary>
    private PageState ManualFailure(Uri key, PageState? previous, PageOutcome outcome) =>
        new(
            key,
            previous?.Validators,
            previous?.ContentHash,
            previous?.RecordPath,
            outcome,
            (previous?.ConsecutiveFailures ?? 0) + 1,
            _time.GetUtcNow(),
            previous?.NextAttemptAt,
            previous?.Parked ?? false,
            previous?.Revisits ?? 0);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Url}: {Outcome} {Detail}")]
    private partial void LogOutcome(Uri url, string outcome, string? detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Url}: parked after {Failures} consecutive failures (last: {Reason})")]
    private partial void LogParked(Uri url, int failures, string reason);
}
