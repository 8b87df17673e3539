using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The sink of <c>extract</c>: one record written atomically to a file named after its input, revision 1, with no
/// manifest and no record layout; an earlier output of the same input is replaced.
/// </summary>
/// <param name="target">The output file.</param>
internal sealed class InputNamedSink(string target) : IRecordSink
{
    /// <inheritdoc />
    /// <remarks>Offline extraction keeps no history: there is never an existing record to compare with.</remarks>
    public Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RecordSlot(key, target, null));

    /// <inheritdoc />
    public async Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(record);
        await AtomicFile.WriteAsync(target, RecordSerializer.Serialize(record with { Revision = 1 }), cancellationToken).ConfigureAwait(false);
        return new WriteResult(target, Written: true, Revision: 1);
    }

    /// <inheritdoc />
    /// <remarks>The output file is named after the input, not the record: no location has a key.</remarks>
    public RecordKey? KeyAt(string location) => null;
}
