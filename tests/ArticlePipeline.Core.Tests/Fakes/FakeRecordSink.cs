using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>Keeps records in memory, keyed like the JSON sink's files, and counts the reads it serves.</summary>
internal sealed class FakeRecordSink : IRecordSink
{
    public Dictionary<(string Source, string Id), ArticleRecord> Stored { get; } = [];

    public List<ArticleRecord> Writes { get; } = [];

    public int Reads { get; private set; }

    public Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(new RecordSlot(key, Path(key.SourceId, key.Id), Stored.GetValueOrDefault((key.SourceId, key.Id))));
    }

    public Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        int revision = slot.Existing is { } existing ? existing.Revision + 1 : 1;
        ArticleRecord written = record with { Revision = revision };
        Stored[(record.Source.Id, record.Id)] = written;
        Writes.Add(written);
        return Task.FromResult(new WriteResult(slot.Location, true, revision));
    }

    public RecordKey? KeyAt(string location)
    {
        string[] parts = location.Split('/');
        return parts is ["", "out", "records", var source, var file] ? new RecordKey(source, file[..^".json".Length]) : null;
    }

    public static string Path(string sourceId, string id) => $"/out/records/{sourceId}/{id}.json";
}
