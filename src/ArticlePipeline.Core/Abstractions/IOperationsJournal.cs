using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// What the operator console reads later: each record revision written, each source run and the characters the
/// translator billed. The state store implements it; the pipeline reports to it when it is registered.
/// </summary>
/// <remarks>
/// Only the record sink, the crawl runner and the translator report here, each after its own work is done, so a
/// journal that is missing or slow never changes what is written.
/// </remarks>
public interface IOperationsJournal
{
    /// <summary>
    /// Stores a revision just written: a history line, and the record's entry in the catalog unless the catalog already
    /// has a later revision of it (a history line entered late, by <c>migrate</c>, never turns the entry back).
    /// </summary>
    /// <param name="revision">The revision and its manifest line.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task RecordRevisionAsync(RecordRevision revision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the counts of one source's pass. A run with a <see cref="SourceRun.RunId"/> and
    /// <see cref="SourceRun.Queued"/> articles is filled in later: by <see cref="AddToSourceRunAsync"/> and by each
    /// <see cref="IWorkItemStore.CompleteAsync"/> of an article it queued.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task RecordSourceRunAsync(SourceRun run, CancellationToken cancellationToken = default);

    /// <summary>Adds counts to a stored run and corrects how many articles it queued; a no-op when the run is not stored.</summary>
    /// <param name="runId">The run (<see cref="SourceRun.RunId"/>).</param>
    /// <param name="counts">The counts to add.</param>
    /// <param name="queued">Added to <see cref="SourceRun.Queued"/> (negative for articles that turned out not to be queued).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task AddToSourceRunAsync(Guid runId, SourceRunCounts counts, int queued, CancellationToken cancellationToken = default);

    /// <summary>Adds characters billed and saved by the translation memory to the day of <paramref name="at"/> (UTC).</summary>
    /// <param name="at">When they were billed.</param>
    /// <param name="billed">Characters billed.</param>
    /// <param name="saved">Characters the memory saved.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task RecordTranslationUsageAsync(DateTimeOffset at, long billed, long saved, CancellationToken cancellationToken = default);
}
