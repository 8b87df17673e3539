using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// Translation memory: the translation of a normalized source segment into one language by one provider,
/// so an unchanged paragraph is never billed twice.
/// </summary>
public interface ITranslationMemory
{
    /// <summary>Looks up translations; keys without an entry are absent from the result.</summary>
    /// <param name="keys">The segments wanted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The known translations by key.</returns>
    Task<IReadOnlyDictionary<TranslationMemoryKey, string>> GetAsync(
        IReadOnlyCollection<TranslationMemoryKey> keys,
        CancellationToken cancellationToken = default);

    /// <summary>Stores translations (insert or replace).</summary>
    /// <param name="entries">Key and translated text.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task PutAsync(IReadOnlyCollection<KeyValuePair<TranslationMemoryKey, string>> entries, CancellationToken cancellationToken = default);
}
