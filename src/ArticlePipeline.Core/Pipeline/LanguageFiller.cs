using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Text;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// The languages an article lacks, filled for its record: the translations an unchanged article already has are kept
/// (never billed twice), the rest are asked of the translator (alone, or with the other articles of a crawl pass),
/// and whatever cannot be had is <c>pending</c> or <c>failed</c> with its reason.
/// </summary>
/// <param name="translator">The translator; <see langword="null"/> leaves missing languages pending.</param>
/// <param name="logger">Where a translator failure is reported.</param>
internal sealed partial class LanguageFiller(ITranslationProvider? translator, ILogger logger)
{
    /// <summary>The languages other than the source's for <paramref name="draft"/>.</summary>
    /// <param name="article">The normalized article.</param>
    /// <param name="draft">Its record with the original language only.</param>
    /// <param name="existing">The stored record, whose translations an unchanged article keeps.</param>
    /// <param name="editions">Languages the publisher or a mirror already gave (see <see cref="Editions.EditionFinder"/>): never sent to the translator.</param>
    /// <param name="options">Whether to translate at all.</param>
    /// <param name="batch">The crawl pass's shared requests, or <see langword="null"/> to send the article alone.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Each other language's version, and what the request cost.</returns>
    public async Task<FilledLanguages> FillAsync(
        ExtractedArticle article,
        ArticleRecord draft,
        ArticleRecord? existing,
        IReadOnlyDictionary<string, LanguageVersion> editions,
        ProcessOptions options,
        PassTranslations? batch,
        CancellationToken cancellationToken)
    {
        var others = new Dictionary<string, LanguageVersion>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string language in RecordBuilder.MissingLanguages(draft.SourceLanguage))
        {
            if (editions.TryGetValue(language, out LanguageVersion? edition))
            {
                others[language] = edition;
            }
            // An unchanged article keeps the translations it already has: they are never billed twice. A stored edition
            // the finder no longer takes (it fails the check) is not kept as if the machine had made it.
            else if (existing is not null &&
                existing.ContentHash == draft.ContentHash &&
                existing.Languages.TryGetValue(language, out LanguageVersion? kept) &&
                kept.Status == TranslationStatus.Translated && !kept.IsEdition)
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
            return new FilledLanguages(others, 0, 0, null, 0);
        }

        if (!options.Translate || translator is null)
        {
            string reason = options.Translate ? "no translator configured" : "translation not requested";
            foreach (string language in missing)
            {
                others[language] = LanguageVersion.Pending(reason);
            }

            return new FilledLanguages(others, 0, 0, null, 0);
        }

        try
        {
            // The bylines go along so the names they hold stay as written in the body and captions.
            var job = new TranslationJob(RecordBuilder.OriginalContent(article), draft.SourceLanguage, missing, article.Authors.IsDefault ? null : article.Authors);
            TranslationResult result = batch is null
                ? await translator.TranslateOneAsync(job, cancellationToken).ConfigureAwait(false)
                : await batch.TranslateAsync(job, cancellationToken).ConfigureAwait(false);
            foreach (string language in missing)
            {
                others[language] = result.Languages.TryGetValue(language, out LanguageContent? content)
                    ? new LanguageVersion(
                        TranslationStatus.Translated,
                        content,
                        new Provenance(null, null, translator.Name, result.RequestIds, draft.FetchedAt),
                        null)
                    {
                        Origin = LanguageOrigin.Machine,
                    }
                    : result.Refused?.GetValueOrDefault(language) is { } refused
                        ? LanguageVersion.Failed(refused)
                        : LanguageVersion.Pending("translator returned no text for this language");
            }

            int machine = missing.Count(l => others[l].Status == TranslationStatus.Translated);
            return new FilledLanguages(others, result.BilledCharacters, result.SavedCharacters, result.ByLanguage, machine);
        }
        catch (TranslationFailedException ex)
        {
            // The message may quote the service's own words: cleaned before it is logged or stored in the record.
            string message = UntrustedText.Clean(ex.Message);
            LogTranslationFailed(logger, draft.Url, message);
            foreach (string language in missing)
            {
                others[language] = LanguageVersion.Pending("translation failed: " + message);
            }

            return new FilledLanguages(others, 0, 0, null, 0);
        }
    }


    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Url}: translation failed, languages left pending: {Reason}")]
    private static partial void LogTranslationFailed(ILogger logger, string url, string reason);
}

/// <summary>The other languages of a record and what filling them cost.</summary>
/// <param name="Others">Each language but the source's, with its status.</param>
/// <param name="Billed">Characters billed.</param>
/// <param name="Saved">Characters the translation memory saved.</param>
/// <param name="ByLanguage">Cost and checks per language, when something was translated.</param>
/// <param name="Machine">Languages the translator filled now.</param>
internal sealed record FilledLanguages(
    Dictionary<string, LanguageVersion> Others,
    long Billed,
    long Saved,
    ImmutableDictionary<string, LanguageTranslationStats>? ByLanguage,
    int Machine);
