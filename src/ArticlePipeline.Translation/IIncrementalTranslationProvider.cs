using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Translation;

/// <summary>
/// A provider that reports the texts each service request completed as soon as that request is answered, so the
/// translation memory keeps what was paid for even if the process dies before the batch ends.
/// </summary>
internal interface IIncrementalTranslationProvider : ITranslationProvider
{
    /// <summary>Translates <paramref name="jobs"/>, calling <paramref name="completed"/> after every request.</summary>
    /// <param name="jobs">The articles and the languages each lacks.</param>
    /// <param name="completed">Receives the texts a request completed; awaited before the next request is sent.</param>
    /// <param name="cancellationToken">Cancels the translation.</param>
    /// <returns>One result per job, in order.</returns>
    Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        Func<IReadOnlyList<CompletedText>, CancellationToken, Task> completed,
        CancellationToken cancellationToken = default);
}
