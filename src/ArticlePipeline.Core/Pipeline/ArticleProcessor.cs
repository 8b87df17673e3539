using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Carries one article through fetch, extract, normalize, translate and emit.</summary>
/// <remarks>
/// Every expected outcome (404, not an article, unchanged, translator down) is returned as an
/// <see cref="ArticleOutcome"/>; only cancellation escapes as an exception. A translator failure never
/// loses the article: it is written with the missing languages pending.
/// </remarks>
public sealed partial class ArticleProcessor
{
    private const string AdhocSourceId = "adhoc";

    private readonly IPageFetcher _fetcher;
    private readonly IArticleExtractor _extractor;
    private readonly IArticleNormalizer _normalizer;
    private readonly ITranslationProvider? _translator;
    private readonly IRecordSink _sink;
    private readonly IStateStore? _state;
    private readonly IPendingTranslations? _pending;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

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
    public ArticleProcessor(
        IPageFetcher fetcher,
        IArticleExtractor extractor,
        IArticleNormalizer normalizer,
        ITranslationProvider? translator,
        IRecordSink sink,
        IStateStore? state = null,
        ILogger<ArticleProcessor>? logger = null,
        TimeProvider? timeProvider = null,
        IPendingTranslations? pending = null)
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
    }

    /// <summary>Fetches, extracts, translates and writes the article at <paramref name="url"/>.</summary>
    /// <param name="url">The article URL.</param>
    /// <param name="source">The configured source it belongs to, if any.</param>
    /// <param name="options">Force and translation switches.</param>
    /// <param name="cancellationToken">Cancels processing; a write in progress completes.</param>
    /// <returns>What happened.</returns>
    public async Task<ArticleOutcome> ProcessAsync(
        Uri url,
        SourceDefinition? source,
        ProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        options ??= new ProcessOptions();
        Uri key = UrlCanonicalizer.Canonicalize(url);
        PageState? previous = _state is null ? null : await _state.GetPageAsync(key, cancellationToken).ConfigureAwait(false);

        FetchOutcome fetch = await _fetcher
            .FetchAsync(url, options.Force || !options.Conditional ? null : previous?.Validators, FetchPurpose.Article, cancellationToken)
            .ConfigureAwait(false);
        if (fetch.Status == FetchStatus.NotModified)
        {
            await SaveStateAsync(key, previous?.Validators, previous, "not-modified", success: true, cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "not-modified", null);
            return new ArticleOutcome(url, ArticleOutcomeKind.NotModified, null, null, previous?.RecordPath, [], 0);
        }

        if (fetch.Page is null)
        {
            string reason = fetch.Reason ?? "fetch";
            await SaveStateAsync(key, previous?.Validators, previous, "failed:" + reason, success: false, cancellationToken).ConfigureAwait(false);
            LogOutcome(url, "failed:" + reason, fetch.Detail);
            return ArticleOutcome.Failure(url, reason, fetch.Detail);
        }

        FetchedPage page = fetch.Page;
        var validators = new FetchValidators(page.ETag, page.LastModified);
        ArticleOutcome outcome = await ProcessPageAsync(page.Content, page.FetchedAt, source, options, cancellationToken).ConfigureAwait(false);
        await SaveStateAsync(
            key,
            validators,
            previous,
            outcome.Kind == ArticleOutcomeKind.Failed ? "failed:" + outcome.Reason : outcome.Kind.ToString().ToLowerInvariant(),
            success: outcome.Kind != ArticleOutcomeKind.Failed,
            cancellationToken,
            outcome.RecordPath).ConfigureAwait(false);
        return outcome with { Url = url };
    }

    /// <summary>Extracts, translates and writes a page that is already in hand.</summary>
    /// <param name="page">The page bytes.</param>
    /// <param name="fetchedAt">When the page was fetched.</param>
    /// <param name="source">The configured source, if any.</param>
    /// <param name="options">Force and translation switches.</param>
    /// <param name="cancellationToken">Cancels processing.</param>
    /// <returns>What happened.</returns>
    public async Task<ArticleOutcome> ProcessPageAsync(
        PageContent page,
        DateTimeOffset fetchedAt,
        SourceDefinition? source,
        ProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        options ??= new ProcessOptions();
        ExtractionOutcome extraction = _extractor.Extract(page, source?.Profile);
        if (extraction.Article is null)
        {
            LogOutcome(page.Url, "failed:" + extraction.Reason, null);
            return ArticleOutcome.Failure(page.Url, extraction.Reason ?? "not-an-article", "no article text found on the page");
        }

        ExtractedArticle article = _normalizer.Normalize(extraction.Article);
        SourceInfo sourceInfo = source is null
            ? new SourceInfo(AdhocSourceId, null, null, page.Url.IsFile ? null : page.Url.Host)
            : new SourceInfo(source.Id, source.Name, source.Province, page.Url.IsFile ? null : page.Url.Host);

        ArticleRecord draft = RecordBuilder.Build(article, page.Url, sourceInfo, fetchedAt, ImmutableDictionary<string, LanguageVersion>.Empty);
        ArticleRecord? existing = await _sink.ReadAsync(sourceInfo.Id, draft.Id, cancellationToken).ConfigureAwait(false);
        (Dictionary<string, LanguageVersion> others, long billed, long saved) =
            await TranslateAsync(article, draft, existing, options, cancellationToken).ConfigureAwait(false);
        ArticleRecord record = RecordBuilder.Build(article, page.Url, sourceInfo, fetchedAt, others);

        WriteResult written;
        try
        {
            written = await _sink.WriteAsync(record, options.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            LogOutcome(page.Url, "failed:write", ex.Message);
            return ArticleOutcome.Failure(page.Url, "write", ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogOutcome(page.Url, "failed:write", ex.Message);
            return ArticleOutcome.Failure(page.Url, "write", ex.Message);
        }

        ImmutableArray<string> pending = others
            .Where(p => p.Value.Status == TranslationStatus.Pending)
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
            saved);
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

    private async Task<(Dictionary<string, LanguageVersion> Others, long Billed, long Saved)> TranslateAsync(
        ExtractedArticle article,
        ArticleRecord draft,
        ArticleRecord? existing,
        ProcessOptions options,
        CancellationToken cancellationToken)
    {
        var others = new Dictionary<string, LanguageVersion>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string language in RecordBuilder.MissingLanguages(draft.SourceLanguage))
        {
            // An unchanged article keeps the translations it already has: they are never billed twice.
            if (existing is not null &&
                existing.ContentHash == draft.ContentHash &&
                existing.Languages.TryGetValue(language, out LanguageVersion? kept) &&
                kept.Status == TranslationStatus.Translated)
            {
                others[language] = kept;
            }
            else
            {
                missing.Add(language);
            }
        }

        if (missing.Count == 0)
        {
            return (others, 0, 0);
        }

        if (!options.Translate || _translator is null)
        {
            string reason = options.Translate ? "no translator configured" : "translation not requested";
            foreach (string language in missing)
            {
                others[language] = LanguageVersion.Pending(reason);
            }

            return (others, 0, 0);
        }

        try
        {
            TranslationResult result = await _translator
                .TranslateAsync(RecordBuilder.OriginalContent(article), draft.SourceLanguage, missing, cancellationToken)
                .ConfigureAwait(false);
            foreach (string language in missing)
            {
                others[language] = result.Languages.TryGetValue(language, out LanguageContent? content)
                    ? new LanguageVersion(
                        TranslationStatus.Translated,
                        content,
                        new Provenance(null, null, _translator.Name, result.RequestIds, draft.FetchedAt),
                        null)
                    : LanguageVersion.Pending("translator returned no text for this language");
            }

            return (others, result.BilledCharacters, result.SavedCharacters);
        }
        catch (TranslationFailedException ex)
        {
            LogTranslationFailed(draft.Url, ex.Message);
            foreach (string language in missing)
            {
                others[language] = LanguageVersion.Pending("translation failed: " + ex.Message);
            }

            return (others, 0, 0);
        }
    }

    private async Task SaveStateAsync(
        Uri key,
        FetchValidators? validators,
        PageState? previous,
        string outcome,
        bool success,
        CancellationToken cancellationToken,
        string? recordPath = null)
    {
        if (_state is null)
        {
            return;
        }

        int failures = success ? 0 : (previous?.ConsecutiveFailures ?? 0) + 1;
        var state = new PageState(
            key,
            validators,
            previous?.ContentHash,
            recordPath ?? previous?.RecordPath,
            outcome,
            failures,
            _time.GetUtcNow());
        await _state.SavePageAsync(state, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Url}: {Outcome} {Detail}")]
    private partial void LogOutcome(Uri url, string outcome, string? detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Url}: translation failed, languages left pending: {Reason}")]
    private partial void LogTranslationFailed(string url, string reason);
}
