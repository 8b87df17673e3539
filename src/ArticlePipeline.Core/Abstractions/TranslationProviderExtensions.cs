using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>One article through a provider's batch path.</summary>
public static class TranslationProviderExtensions
{
    /// <summary>Translates one job through <see cref="ITranslationProvider.TranslateManyAsync"/>: the path every provider batches on.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="job">The article.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its result.</returns>
    /// <exception cref="TranslationFailedException">The provider answered no result for the job, or failed.</exception>
    public static async Task<TranslationResult> TranslateOneAsync(this ITranslationProvider provider, TranslationJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        IReadOnlyList<TranslationResult> results = await provider.TranslateManyAsync([job], cancellationToken).ConfigureAwait(false);
        return results.Count == 1 ? results[0] : throw new TranslationFailedException($"{provider.Name} answered {results.Count} results for one article");
    }
}
