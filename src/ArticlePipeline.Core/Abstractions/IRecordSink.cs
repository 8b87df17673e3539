using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// Emit: owns where records live, their identity and their revisions; writes atomically and idempotently, and
/// appends the manifest (Output).
/// </summary>
/// <remarks>
/// A write goes through a <see cref="RecordSlot"/>: <see cref="OpenAsync"/> reads what is stored once, the caller
/// reuses it (translations an unchanged article keeps), and <see cref="WriteAsync"/> decides the revision from it
/// without reading again. Callers never build or parse locations: they hold keys, and
/// <see cref="KeyAt"/> turns a location this sink handed out back into one.
/// </remarks>
public interface IRecordSink
{
    /// <summary>Reads the record stored under <paramref name="key"/>, if there is a valid one.</summary>
    /// <param name="key">The record's source id and id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The slot a following write of this record goes through.</returns>
    Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="record"/> into <paramref name="slot"/> unless it equals what the slot holds.</summary>
    /// <param name="slot">The slot from <see cref="OpenAsync"/> for the record's key.</param>
    /// <param name="record">The record; its revision is set by the sink.</param>
    /// <param name="force">Rewrite even when nothing changed.</param>
    /// <param name="cancellationToken">Cancels before the write starts; a started write completes.</param>
    /// <returns>Where the record is and whether it was written.</returns>
    /// <exception cref="ArgumentException">The record's key is not the slot's.</exception>
    Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Whether <see cref="WriteAsync"/> would write a new revision of <paramref name="record"/> into <paramref name="slot"/>; nothing is written (<c>reprocess --dry-run</c>).</summary>
    /// <param name="slot">The slot from <see cref="OpenAsync"/>.</param>
    /// <param name="record">The record.</param>
    /// <returns><see langword="true"/> when the record differs from what the slot holds (a sink that cannot tell compares the content hash).</returns>
    bool WouldChange(RecordSlot slot, ArticleRecord record) =>
        slot?.Existing is null || slot.Existing.ContentHash != record?.ContentHash;

    /// <summary>The key of the record at <paramref name="location"/>, a location this sink returned.</summary>
    /// <param name="location">A <see cref="RecordSlot.Location"/> or <see cref="WriteResult.Path"/>.</param>
    /// <returns>The key, or <see langword="null"/> when the location is not one of this sink's records.</returns>
    RecordKey? KeyAt(string location);
}
