using System.Collections.Immutable;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Mirror sources: a localized copy fills its original's record instead of becoming a record of its own.</summary>
public sealed partial class ArticleProcessor
{
    /// <summary>Failure reason: the original a mirror page names could not be fetched.</summary>
    public const string OriginalUnavailable = "original-unavailable";

    /// <summary>Failure reason: the original a mirror page names is not an article (or is itself a copy).</summary>
    public const string OriginalNotAnArticle = "original-not-an-article";

    /// <summary>Failure reason: the original a mirror page names belongs to no configured source.</summary>
    public const string OriginalNotConfigured = "original-not-configured";

    /// <summary>
    /// The original a page stands in for: for a mirror source, the first source line (<c>Джерело: URL</c>,
    /// <c>Sursă: URL</c>) naming another host; for any other source, a page in one of the record languages other than
    /// Vietnamese that links its Vietnamese alternate on the publisher's own site (a <c>/ru/</c> edition listed in the
    /// sitemap). <see langword="null"/> for an original.
    /// </summary>
    private NamedOriginal? MirroredOriginal(PreparedArticle prepared)
    {
        Uri page = prepared.Page.Url;
        if (prepared.Source is { Mirror: true })
        {
            // The first source line naming another site; one naming a page of a mirror (this one or another) is skipped.
            foreach (string link in prepared.Article.SourceLinks)
            {
                if (Uri.TryCreate(link, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https" &&
                    !string.Equals(url.Authority, page.Authority, StringComparison.OrdinalIgnoreCase) &&
                    _sources?.FindByHost(url) is not { Mirror: true })
                {
                    return new NamedOriginal(url, LanguageOrigin.Mirror);
                }
            }

            return null;
        }

        // A publisher's edition stands in for its original only when that original belongs to a configured source
        // (else the page is an article of its own, as for an adhoc rerun), and names an article, not a home page.
        if (page.IsFile || prepared.Article.Language is not { } language || language == Languages.Vietnamese || !Languages.IsRecordLanguage(language))
        {
            return null;
        }

        EditionLink? original = prepared.Article.Alternates.FirstOrDefault(l =>
            l.Language == Languages.Vietnamese && RegistrableDomain.Same(l.Url.Host, page.Host) && l.Url != page && l.NamesAnArticle &&
            _sources?.FindByHost(l.Url) is { Mirror: false });
        return original is null ? null : new NamedOriginal(original.Url, LanguageOrigin.Publisher);
    }

    /// <summary>
    /// A mirror page (or a publisher's edition page): with the sibling languages it links, it fills the record of the
    /// original it names. The original is read from the archive when its record is there, else fetched (politely, as
    /// any article, and not while it is parked or backing off) and recorded under its own source, which must be a
    /// configured one; a copy already merged costs nothing more.
    /// </summary>
    private async Task<ArticleOutcome> MirrorAsync(PreparedArticle prepared, NamedOriginal named, ProcessOptions options, PassTranslations? batch, CancellationToken cancellationToken)
    {
        Uri pageUrl = prepared.Page.Url;
        Uri originalUrl = named.Url;
        if (_sources?.FindByHost(originalUrl) is not { Mirror: false } originalSource)
        {
            // Recorded under no source, the original would be an adhoc duplicate of the record its paper's crawl makes.
            string detail = $"its source line names {originalUrl}, which belongs to no configured (non-mirror) source; add the paper to the sources file";
            LogOutcome(pageUrl, "failed:" + OriginalNotConfigured, detail);
            return ArticleOutcome.Failure(pageUrl, OriginalNotConfigured, detail);
        }

        Uri originalKey = CrawlFrontier.Key(originalUrl, originalSource);
        // A crawl fetches the next page while the last one is written: two copies of one original (its uk and ro pages)
        // would otherwise both find no record, both fetch the original and both count its editions.
        using (await _locks.AcquireAsync("original\n" + originalKey.AbsoluteUri, cancellationToken).ConfigureAwait(false))
        {
            return await MergeCopyAsync(prepared, named, originalKey, originalSource, options, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ArticleOutcome> MergeCopyAsync(
        PreparedArticle prepared,
        NamedOriginal named,
        Uri originalKey,
        SourceDefinition originalSource,
        ProcessOptions options,
        PassTranslations? batch,
        CancellationToken cancellationToken)
    {
        Uri pageUrl = prepared.Page.Url;
        Uri originalUrl = named.Url;
        var copy = new EditionPage(prepared.Article.Language ?? Languages.Undetermined, pageUrl, named.Origin, prepared.Article, prepared.Draft.FetchedAt);
        PageState? originalState = await GetStateAsync(originalKey, cancellationToken).ConfigureAwait(false);
        RecordSlot? stored = originalState?.RecordPath is { } path && _sink.KeyAt(path) is { } key
            ? await _sink.OpenAsync(key, cancellationToken).ConfigureAwait(false)
            : null;
        if (!options.Force && stored?.Existing is { } record && AlreadyHas(record, copy))
        {
            LogOutcome(pageUrl, "unchanged", stored.Location);
            return new ArticleOutcome(pageUrl, ArticleOutcomeKind.Unchanged, null, null, stored.Location, [], 0);
        }

        // Its sibling languages (on the mirror, or the publisher's own sites), unless the record already took them.
        var copies = new List<EditionPage> { copy };
        var refused = ImmutableArray.CreateBuilder<RejectedEdition>();
        foreach (EditionLink link in prepared.Article.Alternates)
        {
            bool sameSite = named.Origin == LanguageOrigin.Mirror
                ? string.Equals(link.Url.Authority, pageUrl.Authority, StringComparison.OrdinalIgnoreCase)
                : RegistrableDomain.Same(link.Url.Host, pageUrl.Host);
            if (!Languages.IsRecordLanguage(link.Language) || link.Language == Languages.Vietnamese || copies.Any(c => c.Language == link.Language) ||
                !sameSite || link.Url == originalUrl ||
                (stored?.Existing?.Languages.GetValueOrDefault(link.Language) is { IsEdition: true } have && have.OriginUrl == link.Url.AbsoluteUri))
            {
                continue;
            }

            (EditionPage? sibling, string? refusal) = await _editions.FetchAsync(link.Url, link.Language, cancellationToken).ConfigureAwait(false);
            if (sibling is not null)
            {
                copies.Add(sibling with { Origin = named.Origin });
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
            // Not while the original is parked or backing off (a crawl or a work item; rerun tries anyway): every copy
            // of it would otherwise fetch it again.
            if (!options.Force && options.Conditional && CrawlFrontier.Decide(originalState, _time.GetUtcNow()) is { Fetch: false } wait)
            {
                string detail = $"its original {originalUrl} is not fetched now ({wait.Reason}: {wait.Detail})";
                LogOutcome(pageUrl, "failed:" + OriginalUnavailable, detail);
                return ArticleOutcome.Failure(pageUrl, OriginalUnavailable, detail);
            }

            FetchOutcome fetch = await _fetcher.FetchAsync(originalUrl, null, FetchPurpose.Article, cancellationToken).ConfigureAwait(false);
            if (fetch.Page is null)
            {
                string detail = $"its original {originalUrl} could not be fetched: {fetch.Reason} {fetch.Detail}".TrimEnd();
                LogOutcome(pageUrl, "failed:" + OriginalUnavailable, detail);
                return ArticleOutcome.Failure(pageUrl, OriginalUnavailable, detail);
            }

            fetched = fetch.Page;
            if (_sources?.FindByHost(fetched.Content.Url)?.Id != originalSource.Id)
            {
                // Redirected off the paper it names (to the mirror itself, to another site): not the original.
                string detail = $"its original {originalUrl} redirected to {fetched.Content.Url}, outside source '{originalSource.Id}'";
                LogOutcome(pageUrl, "failed:" + OriginalNotAnArticle, detail);
                return ArticleOutcome.Failure(pageUrl, OriginalNotAnArticle, detail);
            }

            original = Prepare(fetched.Content, fetched.FetchedAt, fetched.Capture, originalSource, out ArticleOutcome? notAnArticle);
            if (original is null)
            {
                return ArticleOutcome.Failure(pageUrl, OriginalNotAnArticle, $"its original {originalUrl}: {notAnArticle?.Detail}");
            }

            // The page named as the original must be one: not itself an edition of another page, and, for a
            // publisher's edition, the Vietnamese article its hreflang promised.
            if (MirroredOriginal(original) is not null || (named.Origin == LanguageOrigin.Publisher && original.Article.Language != Languages.Vietnamese))
            {
                string detail = $"its original {originalUrl} is itself a copy or an edition (in {original.Article.Language}), not the original";
                LogOutcome(pageUrl, "failed:" + OriginalNotAnArticle, detail);
                return ArticleOutcome.Failure(pageUrl, OriginalNotAnArticle, detail);
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

        LanguageVersion? entry = record.Languages.GetValueOrDefault(copy.Language);
        return (entry is { IsEdition: true, Origin: LanguageOrigin.Publisher } && copy.Origin == LanguageOrigin.Mirror) || copy.IsStoredAs(entry);
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

/// <summary>The original a mirror copy or a publisher's edition page stands in for.</summary>
/// <param name="Url">The original's URL.</param>
/// <param name="Origin">What the page that named it is: a mirror's copy or the publisher's own edition.</param>
internal readonly record struct NamedOriginal(Uri Url, LanguageOrigin Origin);
