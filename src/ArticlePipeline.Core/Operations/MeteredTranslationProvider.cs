using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Operations;

/// <summary>
/// A translator that reports what each call billed and what the memory saved to the
/// <see cref="IOperationsJournal"/>, so the console can show the characters billed today and this month.
/// </summary>
/// <remarks>Every command reaches the translator through this one object, so nothing billed escapes the count.</remarks>
public sealed class MeteredTranslationProvider : ITranslationProvider, IDisposable
{
    private readonly ITranslationProvider _inner;
    private readonly IOperationsJournal _journal;
    private readonly TimeProvider _time;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The translator.</param>
    /// <param name="journal">Where usage goes.</param>
    /// <param name="time">The clock of the day the usage is counted on.</param>
    public MeteredTranslationProvider(ITranslationProvider inner, IOperationsJournal journal, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        _inner = inner;
        _journal = journal;
        _time = time;
    }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <inheritdoc />
    public async Task<TranslationResult> TranslateAsync(
        LanguageContent source,
        string sourceLanguage,
        IReadOnlyList<string> targetLanguages,
        CancellationToken cancellationToken = default)
    {
        TranslationResult result = await _inner.TranslateAsync(source, sourceLanguage, targetLanguages, cancellationToken).ConfigureAwait(false);
        await RecordAsync([result], cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TranslationResult> results = await _inner.TranslateManyAsync(jobs, cancellationToken).ConfigureAwait(false);
        await RecordAsync(results, cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc />
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    /// <summary>
    /// Adds the usage to the journal. The translation is done and paid for by then, so a journal that cannot take the
    /// figures (a full disk) must not fail it: the count is short, the records are right.
    /// </summary>
    private async Task RecordAsync(IReadOnlyList<TranslationResult> results, CancellationToken cancellationToken)
    {
        long billed = results.Sum(static r => r.BilledCharacters);
        long saved = results.Sum(static r => r.SavedCharacters);
        if (billed == 0 && saved == 0)
        {
            return;
        }

        try
        {
            await _journal.RecordTranslationUsageAsync(_time.GetUtcNow(), billed, saved, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing to do: see the summary.
        }
    }
}
