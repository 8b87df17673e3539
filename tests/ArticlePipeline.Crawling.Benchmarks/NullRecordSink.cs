using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>A sink that keeps nothing: isolates the crawler's own memory from the output stage's.</summary>
internal sealed class NullRecordSink : IRecordSink
{
    private int _written;

    public Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RecordSlot(key, "/dev/null/" + key.Id, null));

    public Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(new WriteResult(slot.Location, true, Interlocked.Increment(ref _written)));

    public RecordKey? KeyAt(string location) => null;
}
