using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Translate: fills in the languages an article lacks (Translation).</summary>
public interface ITranslationProvider
{
    /// <summary>The provider's name as recorded in provenance, e.g. <c>azure</c>.</summary>
    string Name { get; }

    /// <summary>Translates <paramref name="source"/> into every language of <paramref name="targetLanguages"/>.</summary>
    /// <param name="source">The original text.</param>
    /// <param name="sourceLanguage">Its language.</param>
    /// <param name="targetLanguages">The languages to produce; all go in the same requests.</param>
    /// <param name="cancellationToken">Cancels the translation.</param>
    /// <returns>One aligned <see cref="LanguageContent"/> per target language.</returns>
    /// <exception cref="TranslationFailedException">The service failed after its retries.</exception>
    Task<TranslationResult> TranslateAsync(
        LanguageContent source,
        string sourceLanguage,
        IReadOnlyList<string> targetLanguages,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Translates several articles, sharing requests between them where the limits allow (short articles).
    /// The default translates them one by one.
    /// </summary>
    /// <param name="jobs">The articles and the languages each lacks.</param>
    /// <param name="cancellationToken">Cancels the translation.</param>
    /// <returns>One result per job, in order.</returns>
    /// <exception cref="TranslationFailedException">The service failed after its retries.</exception>
    async Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var results = new List<TranslationResult>(jobs.Count);
        foreach (TranslationJob job in jobs)
        {
            results.Add(await TranslateAsync(job.Source, job.SourceLanguage, job.TargetLanguages, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}
