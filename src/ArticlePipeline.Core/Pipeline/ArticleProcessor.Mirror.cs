using System.Collections.Immutable;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Mirror sources: a localized copy fills its original's record instead of becoming a record of its own.</summary>
public sealed partial class ArticleProcessor
{
    // A crawl fetches the next page while the last one is written: two copies of one original (its uk and ro pages)
    // would otherwise both find no record, both fetch the original and both write it. One original at a time.
    private readonly SemaphoreSlim[] _originalLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Failure reason: the original a mirror page names could not be fetched.</summary>
    public const string OriginalUnavailable = "original-unavailable";

    /// <summary>Failure reason: the original a mirror page names is not an article (or is itself on a mirror).</summary>
    public const string OriginalNotAnArticle = "original-not-an-article";

    /// <summary>
    /// The original a page of a mirror source names: the first source line (<c>Джерело: URL</c>, <c>Sursă: URL</c>) to
    /// another host; <see langword="null"/> for pages of other sources and mirror pages naming none.
    /// </summary>
    private static Uri? MirroredOriginal(PreparedArticle prepared)
    {
        if (prepared.Source is not { Mirror: true })
        {
            return null;
        }

        foreach (string link in prepared.Article.SourceLinks)
        {
            if (Uri.TryCreate(link, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https" &&
                !string.Equals(url.Authority, prepared.Page.Url.Authority, StringComparison.OrdinalIgnoreCase))
            {
                return url;
            }
        }

        return null;
    }

    /// <summary>
    /// A mirror page: with the sibling languages it links on the mirror, it fills the record of the original it names.
    /// The original is read from the archive when its record is there, else fetched (politely, as any article) and
    /// recorded under its own source; a copy already merged costs nothing more.
    /// </summary>
    private async Task<ArticleOutcome> MirrorAsync(PreparedArticle prepared, Uri originalUrl, ProcessOptions options, PassTranslations? batch, CancellationToken cancellationToken)
    {
        Uri pageUrl = prepared.Page.Url;
        SourceDefinition? originalSource = _sources?.FindByHost(originalUrl);
        if (originalSource is { Mirror: true })
        {
            LogOutcome(pageUrl, "failed:" + OriginalNotAnArticle, originalUrl.AbsoluteUri);
            return ArticleOutcome.Failure(pageUrl, OriginalNotAnArticle, $"its source line names {originalUrl}, a page of a mirror, not an original");
        }

        Uri originalKey = CrawlFrontier.Key(originalUrl, originalSource);
        SemaphoreSlim gate = _originalLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(originalKey.AbsoluteUri) % (uint)_originalLocks.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MergeCopyAsync(prepared, originalUrl, originalKey, originalSource, options, batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ArticleOutcome> MergeCopyAsync(
        PreparedArticle prepared,
        Uri originalUrl,
        Uri originalKey,
        SourceDefinition? originalSource,
        ProcessOptions options,
        PassTranslations? batch,
        CancellationToken cancellationToken)
    {
        Uri pageUrl = prepared.Page.Url;
        var copy = new EditionPage(prepared.Article.Language ?? Languages.Undetermined, pageUrl, LanguageOrigin.Mirror, prepared.Article, prepared.Draft.FetchedAt);
        PageState? originalState = await GetStateAsync(originalKey, cancellationToken).ConfigureAwait(false);
        RecordSlot? stored = originalState?.RecordPath is { } path && _sink.KeyAt(path) is { } key
            ? await _sink.OpenAsync(key, cancellationToken).ConfigureAwait(false)
            : null;
        if (!options.Force && stored?.Existing is { } record && AlreadyHas(record, copy))
        {
            LogOutcome(pageUrl, "unchanged", stored.Location);
            return new ArticleOutcome(pageUrl, ArticleOutcomeKind.Unchanged, null, null, stored.Location, [], 0);
        }

        // Its sibling languages on the mirror, unless the record already took them from there.
        var copies = new List<EditionPage> { copy };
        var refused = ImmutableArray.CreateBuilder<RejectedEdition>();
        foreach (EditionLink link in prepared.Article.Alternates)
        {
            if (!Languages.IsRecordLanguage(link.Language) || copies.Any(c => c.Language == link.Language) ||
                !string.Equals(link.Url.Authority, pageUrl.Authority, StringComparison.OrdinalIgnoreCase) ||
                (stored?.Existing?.Languages.GetValueOrDefault(link.Language) is { IsEdition: true } have && have.OriginUrl == link.Url.AbsoluteUri))
            {
                continue;
            }

            (EditionPage? sibling, string? refusal) = await _editions.FetchAsync(link.Url, link.Language, cancellationToken).ConfigureAwait(false);
            if (sibling is not null)
            {
                copies.Add(sibling with { Origin = LanguageOrigin.Mirror });
            }
            else
            {
                refused.Add(new RejectedEdition(link.Language, link.Url, refusal ?? "fetch"));
            }
        }

        PreparedArticle? original;
        FetchedPage? fetched = null;
        if (stored?.Existing is { } archived && FromRecord(archived, originalSource) is { } fromArchive)
        {
            original = fromArchive;
        }
        else
        {
            FetchOutcome fetch = await _fetcher.FetchAsync(originalUrl, null, FetchPurpose.Article, cancellationToken).ConfigureAwait(false);
            if (fetch.Page is null)
            {
                string detail = $"its original {originalUrl} could not be fetched: {fetch.Reason} {fetch.Detail}".TrimEnd();
                LogOutcome(pageUrl, "failed:" + OriginalUnavailable, detail);
                return ArticleOutcome.Failure(pageUrl, OriginalUnavailable, detail);
            }

            fetched = fetch.Page;
            original = Prepare(fetched.Content, fetched.FetchedAt, fetched.Capture, originalSource, out ArticleOutcome? notAnArticle);
            if (original is null)
            {
                return ArticleOutcome.Failure(pageUrl, OriginalNotAnArticle, $"its original {originalUrl}: {notAnArticle?.Detail}");
            }
        }

        ArticleOutcome outcome = await CompleteAsync(original, options with { Key = null }, batch, cancellationToken, copies).ConfigureAwait(false);
        if (fetched is not null && outcome.Kind != ArticleOutcomeKind.Failed)
        {
            // The original is now known to its source: its next crawl there sends a conditional GET.
            await SaveAsync(
                Succeeded(originalKey, originalState, Validators(fetched), original.Draft.ContentHash, outcome.RecordPath, Stored(outcome.Kind)),
                cancellationToken).ConfigureAwait(false);
        }

        return outcome with
        {
            Url = pageUrl,
            Editions = outcome.Editions with { Rejected = outcome.Editions.Rejected.AddRange(refused) },
        };
    }

    /// <summary>Whether <paramref name="record"/> already holds <paramref name="copy"/>'s language from this copy, or from the publisher (which a mirror never replaces).</summary>
    private static bool AlreadyHas(ArticleRecord record, EditionPage copy)
    {
        if (record.SourceLanguage == copy.Language)
        {
            return true;
        }

        if (record.Languages.GetValueOrDefault(copy.Language) is not { IsEdition: true } entry)
        {
            return false;
        }

        return entry.Origin == LanguageOrigin.Publisher ||
            (entry.OriginUrl == copy.Url.AbsoluteUri && entry.Content is { } content &&
             content.Title == copy.Article.Title && content.Lead == copy.Article.Lead && content.Blocks.SequenceEqual(copy.Article.Blocks));
    }

    /// <summary>
    /// The original as the archive holds it, prepared as if just extracted, so a mirror copy merges without fetching
    /// it again; <see langword="null"/> when the record has no original text (a v1 record).
    /// </summary>
    private static PreparedArticle? FromRecord(ArticleRecord record, SourceDefinition? source)
    {
        if (record.Languages.GetValueOrDefault(record.SourceLanguage) is not { Content: { } text, Provenance: var provenance })
        {
            return null;
        }

        var article = new ExtractedArticle(
            text.Title,
            text.Lead,
            text.Blocks,
            record.Authors,
            record.PublishedAt,
            record.Publisher,
            new Uri(record.Url),
            record.Images,
            record.Tags,
            record.SourceLinks,
            record.SourceLanguage,
            provenance?.Extractor ?? "generic",
            provenance?.Profile)
        {
            Credits = record.Credits,
        };
        Uri read = new(record.FetchedUrl ?? record.Url);
        ArticleRecord draft = RecordBuilder.Build(article, read, record.Source, record.FetchedAt, ImmutableDictionary<string, LanguageVersion>.Empty, source, record.Capture);
        return draft.Id == record.Id ? new PreparedArticle(new PageContent(read, ReadOnlyMemory<byte>.Empty, null), article, draft, source) : null;
    }
}
