using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Benchmarks;

/// <summary>A sink that keeps nothing: isolates the crawler's own memory from the output stage's.</summary>
internal sealed class NullRecordSink : IRecordSink
{
    private int _written;

    public Task<WriteResult> WriteAsync(ArticleRecord record, bool force = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(new WriteResult("/dev/null/" + record.Id, true, Interlocked.Increment(ref _written)));

    public Task<ArticleRecord?> ReadAsync(string sourceId, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<ArticleRecord?>(null);
}
