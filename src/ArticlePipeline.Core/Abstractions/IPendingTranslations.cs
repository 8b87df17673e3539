using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Records whose languages are pending, for a later <c>translate --pending</c> run.</summary>
public interface IPendingTranslations
{
    /// <summary>Adds or replaces the pending entry of a record.</summary>
    /// <param name="item">The record and its pending languages.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task AddAsync(PendingTranslation item, CancellationToken cancellationToken = default);

    /// <summary>Lists pending entries, oldest first.</summary>
    /// <param name="max">Most entries returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<PendingTranslation>> ListAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry of a record (its languages are done).</summary>
    /// <param name="recordPath">The record file's path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task RemoveAsync(string recordPath, CancellationToken cancellationToken = default);
}
