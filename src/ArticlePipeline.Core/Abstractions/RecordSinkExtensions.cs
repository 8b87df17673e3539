using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>One-step reads and writes for callers that do nothing between opening a slot and writing it.</summary>
public static class RecordSinkExtensions
{
    /// <summary>Opens the record's slot and writes the record into it.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="record">The record.</param>
    /// <param name="force">Rewrite even when nothing changed.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>Where the record is and whether it was written.</returns>
    public static async Task<WriteResult> OpenAndWriteAsync(this IRecordSink sink, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(record);
        RecordSlot slot = await sink.OpenAsync(RecordKey.Of(record), cancellationToken).ConfigureAwait(false);
        return await sink.WriteAsync(slot, record, force, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The record stored under <paramref name="key"/>, if there is a valid one.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="key">The record's key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public static async Task<ArticleRecord?> ReadAsync(this IRecordSink sink, RecordKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return (await sink.OpenAsync(key, cancellationToken).ConfigureAwait(false)).Existing;
    }
}
