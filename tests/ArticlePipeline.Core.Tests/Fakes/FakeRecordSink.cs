using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>Keeps records in memory, keyed like the JSON sink's files.</summary>
internal sealed class FakeRecordSink : IRecordSink
{
    public Dictionary<(string Source, string Id), ArticleRecord> Stored { get; } = [];

    public List<ArticleRecord> Writes { get; } = [];

    public Task<WriteResult> WriteAsync(ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        int revision = Stored.TryGetValue((record.Source.Id, record.Id), out ArticleRecord? existing) ? existing.Revision + 1 : 1;
        ArticleRecord written = record with { Revision = revision };
        Stored[(record.Source.Id, record.Id)] = written;
        Writes.Add(written);
        return Task.FromResult(new WriteResult(Path(record.Source.Id, record.Id), true, revision));
    }

    public Task<ArticleRecord?> ReadAsync(string sourceId, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stored.TryGetValue((sourceId, id), out ArticleRecord? record) ? record : null);

    public static string Path(string sourceId, string id) => $"/out/records/{sourceId}/{id}.json";
}
