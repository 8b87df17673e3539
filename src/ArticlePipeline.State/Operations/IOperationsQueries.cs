using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.State.Operations;

/// <summary>
/// Read-only questions the operator console asks of the state store. Every one is answered from an index, so a
/// page stays fast with hundreds of thousands of records; nothing here writes.
/// </summary>
public interface IOperationsQueries
{
    /// <summary>The latest run of each source that has run, in source id order.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One run per source.</returns>
    Task<IReadOnlyList<SourceRun>> LatestSourceRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Parked URLs, most recently parked first.</summary>
    /// <param name="max">Most URLs listed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The total and the first <paramref name="max"/>.</returns>
    Task<ParkedPages> ParkedPagesAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Pending languages, counted by reason and language.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts, by reason then language.</returns>
    Task<IReadOnlyList<PendingLanguageCount>> PendingLanguagesAsync(CancellationToken cancellationToken = default);

    /// <summary>Characters billed and saved on the UTC day <paramref name="today"/> and in its month.</summary>
    /// <param name="today">The day (UTC).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The usage.</returns>
    Task<TranslationUsage> TranslationUsageAsync(DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>One page of the record catalog, most recently written first.</summary>
    /// <param name="query">What to search and which page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The matching total and the page.</returns>
    Task<RecordListPage> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>The catalog entry of one record, or <see langword="null"/>.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry.</returns>
    Task<CatalogedRecord?> FindRecordAsync(string sourceId, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Every revision written of one record, oldest revision first (in the order written within one), with its manifest line.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The revisions.</returns>
    Task<IReadOnlyList<RecordRevision>> RevisionsAsync(string sourceId, string recordId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The work queue: items waiting, and what each worker holds now. Today a worker holds leased work items; host
    /// leases, once they exist, belong in the same answer.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The queue.</returns>
    Task<WorkQueueView> WorkQueueAsync(CancellationToken cancellationToken = default);
}
