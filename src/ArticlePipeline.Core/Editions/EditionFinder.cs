using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Core.Editions;

/// <summary>
/// The human translations of an article, taken before the machine is asked: each record language comes from the
/// publisher's own edition, else a configured mirror's copy, else (left to the <see cref="LanguageFiller"/>) the
/// translation memory and the machine translator. Every edition must pass <see cref="EditionCheck"/>; a refused one is
/// reported and its language left to the machine. People and credits always come from the original: an edition only
/// gives the text of its language.
/// </summary>
/// <param name="fetcher">Fetches publisher editions, politely, as any article (and captured when captures are kept).</param>
/// <param name="extractor">Extracts them.</param>
/// <param name="normalizer">Normalizes them and tells their language.</param>
/// <param name="sources">The configured sources: an edition on another source's host is extracted with its profile.</param>
/// <param name="logger">Where refused editions are reported.</param>
internal sealed partial class EditionFinder(
    IPageFetcher fetcher,
    IArticleExtractor extractor,
    IArticleNormalizer normalizer,
    SourceDirectory? sources,
    ILogger logger)
{
    /// <summary>The editions of one article.</summary>
    /// <param name="article">The normalized original.</param>
    /// <param name="draft">Its record, original language only.</param>
    /// <param name="pageUrl">The URL the original was read from.</param>
    /// <param name="source">The original's source: its <see cref="SourceDefinition.Editions"/> rules.</param>
    /// <param name="existing">The stored record, whose editions are kept when nothing better is found.</param>
    /// <param name="given">Editions already in hand for this article: mirror copies, and publisher editions whose own pages were crawled.</param>
    /// <param name="fetch">Whether publisher editions may be fetched (not when re-extracting from a capture).</param>
    /// <param name="cancellationToken">Cancels fetching.</param>
    /// <returns>The accepted editions by language, and what was counted.</returns>
    public async Task<FoundEditions> FindAsync(
        ExtractedArticle article,
        ArticleRecord draft,
        Uri pageUrl,
        SourceDefinition? source,
        ArticleRecord? existing,
        IReadOnlyList<EditionPage> given,
        bool fetch,
        CancellationToken cancellationToken)
    {
        LanguageContent original = RecordBuilder.OriginalContent(article);
        long originalCharacters = Characters(original);
        var editions = new Dictionary<string, LanguageVersion>(StringComparer.Ordinal);
        var rejected = ImmutableArray.CreateBuilder<RejectedEdition>();
        int publisher = 0, mirror = 0;
        long notBilled = 0;
        foreach (string language in RecordBuilder.MissingLanguages(draft.SourceLanguage))
        {
            LanguageVersion? kept = existing?.Languages.GetValueOrDefault(language) is { IsEdition: true } stored ? stored : null;
            bool sameText = existing is not null && existing.ContentHash == draft.ContentHash;
            LanguageVersion? chosen = null;
            bool fresh = false;

            // The publisher's own edition first: one in hand (its page was crawled), the one the page links, else the one
            // the source's rule names.
            if (given.FirstOrDefault(p => p.Origin == LanguageOrigin.Publisher && p.Language == language) is { } own)
            {
                chosen = sameText && own.IsStoredAs(kept)
                    ? kept
                    : Accept(own, original, article.PublishedAt, rejected);
                fresh = chosen is not null && !ReferenceEquals(chosen, kept);
            }
            else if (fetch && PublisherEdition(article, pageUrl, source, language) is { } url)
            {
                if (sameText && kept is { Origin: LanguageOrigin.Publisher } && kept.OriginUrl == url.AbsoluteUri)
                {
                    // Already taken from this page for this text: not fetched again.
                    chosen = kept;
                }
                else
                {
                    (EditionPage? page, string? refusal) = await FetchAsync(url, language, cancellationToken).ConfigureAwait(false);
                    bool unchanged = sameText && page is not null && page.IsStoredAs(kept);
                    chosen = page is null ? null : unchanged ? kept : Accept(page, original, article.PublishedAt, rejected);
                    fresh = chosen is not null && !unchanged;
                    if (refusal is not null)
                    {
                        Reject(rejected, language, url, refusal);
                    }
                }
            }

            if (chosen is null && kept is { Origin: LanguageOrigin.Publisher })
            {
                chosen = Recheck(kept, original, article.PublishedAt, sameText, language, rejected);
            }

            if (chosen is null && given.FirstOrDefault(p => p.Origin == LanguageOrigin.Mirror && p.Language == language) is { } copy)
            {
                chosen = sameText && copy.IsStoredAs(kept)
                    ? kept
                    : Accept(copy, original, article.PublishedAt, rejected);
                fresh = chosen is not null && !ReferenceEquals(chosen, kept);
            }

            if (chosen is null && kept is { Origin: LanguageOrigin.Mirror })
            {
                chosen = Recheck(kept, original, article.PublishedAt, sameText, language, rejected);
            }

            if (chosen is null)
            {
                continue;
            }

            editions[language] = chosen;
            if (!fresh)
            {
                // Kept from the stored record: counted when it was taken, as a kept machine translation is.
                continue;
            }

            if (chosen.Origin == LanguageOrigin.Publisher)
            {
                publisher++;
            }
            else
            {
                mirror++;
            }

            // What the machine would have been sent: nothing when the stored record already had this text translated.
            bool wouldBill = !(sameText && existing!.Languages.GetValueOrDefault(language)?.Status == TranslationStatus.Translated);
            if (fresh && wouldBill)
            {
                notBilled += originalCharacters;
            }
        }

        return new FoundEditions(editions, new EditionStats(publisher, mirror, 0, notBilled, rejected.ToImmutable()));
    }

    /// <summary>
    /// Fetches, extracts and normalizes a page offered as <paramref name="language"/>; a page that cannot be had or is in
    /// another language is refused with the reason.
    /// </summary>
    /// <param name="url">The page.</param>
    /// <param name="language">The language it is offered for.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The page, or the reason it was refused.</returns>
    public async Task<(EditionPage? Page, string? Refusal)> FetchAsync(Uri url, string language, CancellationToken cancellationToken)
    {
        FetchOutcome fetched = await fetcher.FetchAsync(url, null, FetchPurpose.Article, cancellationToken).ConfigureAwait(false);
        if (fetched.Page is not { } page)
        {
            return (null, fetched.Reason ?? "fetch");
        }

        ExtractionOutcome extraction = extractor.Extract(page.Content, sources?.FindByHost(page.Content.Url)?.Profile);
        if (extraction.Article is null)
        {
            return (null, extraction.Reason ?? "not-an-article");
        }

        // Redirected off the site it was linked on (to another paper, a parking page): not that site's edition.
        if (!RegistrableDomain.Same(page.Content.Url.Host, url.Host))
        {
            return (null, $"redirected to {page.Content.Url.Host}");
        }

        // The edition is named by the URL that links it: the same link finds the same entry after any redirect.
        ExtractedArticle article = normalizer.Normalize(extraction.Article);
        return article.Language == language
            ? (new EditionPage(language, url, LanguageOrigin.Publisher, article, page.FetchedAt), null)
            : (null, $"the page is in {article.Language}, not {language}");
    }

    /// <summary>The URL of the publisher's <paramref name="language"/> edition: linked by the page, else named by a rule.</summary>
    private static Uri? PublisherEdition(ExtractedArticle article, Uri pageUrl, SourceDefinition? source, string language)
    {
        EditionRule? rule = source?.Editions.FirstOrDefault(r => r.Language == language);
        foreach (EditionLink link in article.Alternates)
        {
            // Only the publisher's own sites: its registrable domain (ru.example.vn, example.vn/ru/) or a rule's host.
            if (link.Language == language &&
                (RegistrableDomain.Same(link.Url.Host, pageUrl.Host) ||
                 (rule is not null && Uri.TryCreate(rule.UrlPrefix, UriKind.Absolute, out Uri? prefix) && prefix.Authority == link.Url.Authority)))
            {
                return link.Url;
            }
        }

        return rule is not null && source is not null && Uri.TryCreate(source.HomeUrl, UriKind.Absolute, out Uri? home) && !home.IsFile
            ? rule.EditionOf(pageUrl, home)
            : null;
    }

    private LanguageVersion? Accept(EditionPage page, LanguageContent original, DateTimeOffset? published, ImmutableArray<RejectedEdition>.Builder rejected)
    {
        LanguageContent content = RecordBuilder.OriginalContent(page.Article);
        EditionVerdict verdict = EditionCheck.Check(original, published, content, page.Language, page.Article.PublishedAt);
        if (!verdict.Accepted)
        {
            Reject(rejected, page.Language, page.Url, verdict.Reason ?? "not a translation of this article");
            return null;
        }

        return new LanguageVersion(
            TranslationStatus.Translated,
            content,
            new Provenance(page.Article.Extractor, page.Article.Profile, null, [], page.FetchedAt),
            null)
        {
            Origin = page.Origin,
            OriginUrl = page.Url.AbsoluteUri,
            Match = new EditionMatch(Math.Round(verdict.Confidence, 3), EditionAligner.Align(original, content)),
        };
    }

    /// <summary>A stored edition for a changed original: kept while it still passes the check, realigned.</summary>
    private LanguageVersion? Recheck(LanguageVersion kept, LanguageContent original, DateTimeOffset? published, bool sameText, string language, ImmutableArray<RejectedEdition>.Builder rejected)
    {
        if (sameText || kept.Content is null)
        {
            return kept.Content is null ? null : kept;
        }

        EditionVerdict verdict = EditionCheck.Check(original, published, kept.Content, language, null);
        if (!verdict.Accepted)
        {
            Reject(rejected, language, new Uri(kept.OriginUrl ?? "about:blank"), "no longer matches the changed original: " + verdict.Reason);
            return null;
        }

        return kept with { Match = new EditionMatch(Math.Round(verdict.Confidence, 3), EditionAligner.Align(original, kept.Content)) };
    }

    private void Reject(ImmutableArray<RejectedEdition>.Builder rejected, string language, Uri url, string reason)
    {
        rejected.Add(new RejectedEdition(language, url, reason));
        LogRejected(url, language, reason);
    }

    private static long Characters(LanguageContent content) =>
        content.Title.Length + (content.Lead?.Length ?? 0) + content.Blocks.Sum(static b => (long)b.Text.Length);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "{Url}: not taken as the {Language} edition: {Reason}; the translator fills that language")]
    private partial void LogRejected(Uri url, string language, string reason);
}

/// <summary>The editions found for one article.</summary>
/// <param name="Languages">Accepted editions by language.</param>
/// <param name="Stats">Counts, characters not billed and refusals.</param>
internal sealed record FoundEditions(Dictionary<string, LanguageVersion> Languages, EditionStats Stats);
