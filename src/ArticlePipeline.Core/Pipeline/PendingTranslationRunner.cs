using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Text;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// What <c>translate --pending</c> runs: takes records listed as having pending languages, translates those
/// languages (several short articles per request), writes each record as a new revision and forgets it.
/// </summary>
/// <remarks>
/// Nothing is lost: a record leaves the pending list only after its new revision is written, and a translator
/// failure stops the run with the remaining records still listed. Nothing is billed twice: the translator is
/// normally wrapped in the translation memory.
/// </remarks>
public sealed class PendingTranslationRunner
{
    private readonly ITranslationProvider _translator;
    private readonly IRecordSink _sink;
    private readonly IPendingTranslations _pending;
    private readonly TimeProvider _time;
    private readonly Func<ArticleRecord, ArticleRecord> _upgrade;

    /// <summary>Creates the runner.</summary>
    /// <param name="translator">The translation provider.</param>
    /// <param name="sink">Where records are read and written.</param>
    /// <param name="pending">The pending list.</param>
    /// <param name="timeProvider">Clock for provenance; the system clock when <see langword="null"/>.</param>
    /// <param name="upgrade">
    /// Turns a record of an earlier schema version into the current one before it is rewritten (a record is written in
    /// the current version or not at all); records are rewritten as read when <see langword="null"/>.
    /// </param>
    public PendingTranslationRunner(
        ITranslationProvider translator,
        IRecordSink sink,
        IPendingTranslations pending,
        TimeProvider? timeProvider = null,
        Func<ArticleRecord, ArticleRecord>? upgrade = null)
    {
        _translator = translator;
        _sink = sink;
        _pending = pending;
        _time = timeProvider ?? TimeProvider.System;
        _upgrade = upgrade ?? (static record => record);
    }

    /// <summary>Translates up to <paramref name="max"/> pending records, <paramref name="batchSize"/> at a time.</summary>
    /// <param name="max">Most records handled in this run.</param>
    /// <param name="batchSize">Records translated together (sharing requests where the limits allow).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>What was done.</returns>
    public async Task<PendingTranslationSummary> RunAsync(int max = int.MaxValue, int batchSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var summary = new PendingTranslationSummary();
        IReadOnlyList<PendingTranslation> items = await _pending.ListAsync(max, cancellationToken).ConfigureAwait(false);
        foreach (PendingTranslation[] batch in items.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var work = new List<(PendingTranslation Item, RecordSlot Slot, ArticleRecord Record, TranslationJob Job)>();
            foreach (PendingTranslation item in batch)
            {
                RecordSlot? slot = await OpenAsync(item, cancellationToken).ConfigureAwait(false);
                if (slot is null)
                {
                    // A location this sink cannot read a key from (another output layout): kept listed, never dropped.
                    summary.Skipped++;
                    continue;
                }

                if (slot.Existing is not { } record ||
                    !record.Languages.TryGetValue(record.SourceLanguage, out LanguageVersion? original) ||
                    original.Content is not { } source ||
                    PendingLanguages(record) is not { IsEmpty: false } targets)
                {
                    // The record is gone or complete: nothing left to do for it.
                    await _pending.RemoveAsync(item.RecordPath, cancellationToken).ConfigureAwait(false);
                    summary.Skipped++;
                    continue;
                }

                work.Add((item, slot, record, new TranslationJob(source, record.SourceLanguage, targets, record.Authors.IsDefault ? null : record.Authors)));
            }

            if (work.Count == 0)
            {
                continue;
            }

            IReadOnlyList<TranslationResult> results;
            try
            {
                results = await _translator.TranslateManyAsync(work.Select(w => w.Job).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (TranslationFailedException ex)
            {
                summary.Failure = UntrustedText.Clean(ex.Message);
                summary.StillPending = items.Count - summary.Records - summary.Skipped;
                return summary;
            }

            for (int i = 0; i < work.Count; i++)
            {
                (PendingTranslation item, RecordSlot slot, ArticleRecord record, TranslationJob job) = work[i];
                TranslationResult result = results[i];
                ArticleRecord updated = Apply(record, job, result);
                try
                {
                    await _sink.WriteAsync(slot, updated, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFullException.IsStorageFull(ex))
                {
                    // Nothing more can be written: stop, and what is not written stays listed.
                    summary.Failure = "storage full: " + ex.Message;
                    summary.StillPending = items.Count - summary.Records - summary.Skipped;
                    return summary;
                }

                ImmutableArray<string> left = PendingLanguages(updated);
                if (left.IsEmpty)
                {
                    await _pending.RemoveAsync(item.RecordPath, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // A refused (failed) language stays listed, with its reason, for the next run.
                    string reason = updated.Languages[left[0]].Reason ?? item.Reason;
                    await _pending.AddAsync(item with { Languages = left, Reason = reason }, cancellationToken).ConfigureAwait(false);
                }

                summary.Refused += result.Refused?.Count ?? 0;
                summary.Records++;
                summary.Languages += job.TargetLanguages.Count(l => result.Languages.ContainsKey(l));
                summary.BilledCharacters += result.BilledCharacters;
                summary.SavedCharacters += result.SavedCharacters;
                foreach ((string language, LanguageTranslationStats stats) in result.ByLanguage ?? ImmutableDictionary<string, LanguageTranslationStats>.Empty)
                {
                    summary.ByLanguage[language] = summary.ByLanguage.GetValueOrDefault(language) + stats;
                }
            }
        }

        return summary;
    }

    /// <summary>The record languages that are pending or failed.</summary>
    /// <param name="record">A record.</param>
    /// <returns>Those languages, in record order.</returns>
    public static ImmutableArray<string> PendingLanguages(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Languages
            .Where(p => p.Value.Status is TranslationStatus.Pending or TranslationStatus.Failed)
            .Select(p => p.Key)
            .Order(Languages.RecordOrder)
            .ToImmutableArray();
    }

    private ArticleRecord Apply(ArticleRecord record, TranslationJob job, TranslationResult result)
    {
        ImmutableSortedDictionary<string, LanguageVersion> languages = record.Languages;
        foreach (string language in job.TargetLanguages)
        {
            if (result.Refused?.GetValueOrDefault(language) is { } refused)
            {
                languages = languages.SetItem(language, LanguageVersion.Failed(refused));
            }
            else if (result.Languages.TryGetValue(language, out LanguageContent? content))
            {
                languages = languages.SetItem(language, new LanguageVersion(
                    TranslationStatus.Translated,
                    content,
                    new Provenance(null, null, _translator.Name, result.RequestIds, _time.GetUtcNow()),
                    null)
                {
                    Origin = LanguageOrigin.Machine,
                });
            }
        }

        return _upgrade(record) with { Languages = languages };
    }

    private async Task<RecordSlot?> OpenAsync(PendingTranslation item, CancellationToken cancellationToken) =>
        _sink.KeyAt(item.RecordPath) is { } key && key.Id == item.RecordId
            ? await _sink.OpenAsync(key, cancellationToken).ConfigureAwait(false)
            : null;
}
