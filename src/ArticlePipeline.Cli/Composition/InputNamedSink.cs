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
    public async Task<WriteResult> WriteAsync(ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await AtomicFile.WriteAsync(target, RecordSerializer.Serialize(record with { Revision = 1 }), cancellationToken).ConfigureAwait(false);
        return new WriteResult(target, Written: true, Revision: 1);
    }

    /// <inheritdoc />
    /// <remarks>Offline extraction keeps no history: there is never an existing record to compare with.</remarks>
    public Task<ArticleRecord?> ReadAsync(string sourceId, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<ArticleRecord?>(null);
}
