using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Emit: writes records atomically and idempotently, and appends the manifest (Output).</summary>
public interface IRecordSink
{
    /// <summary>Writes <paramref name="record"/> unless an identical one is already on disk.</summary>
    /// <param name="record">The record; its revision is set by the sink.</param>
    /// <param name="force">Rewrite even when nothing changed.</param>
    /// <param name="cancellationToken">Cancels before the write starts; a started write completes.</param>
    /// <returns>Where the record is and whether it was written.</returns>
    Task<WriteResult> WriteAsync(ArticleRecord record, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Reads the record currently on disk for <paramref name="id"/>, if there is a valid one.</summary>
    /// <param name="sourceId">The source id the record is filed under.</param>
    /// <param name="id">The record id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    Task<ArticleRecord?> ReadAsync(string sourceId, string id, CancellationToken cancellationToken = default);
}
