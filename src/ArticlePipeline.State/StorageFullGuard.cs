using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.State.Operations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ArticlePipeline.State;

/// <summary>
/// A state store whose "the disk is full" comes out as <see cref="StorageFullException"/>: SQLite's <c>SQLITE_FULL</c>,
/// PostgreSQL's <c>disk_full</c> (53100) or an <see cref="IOException"/> for no space left. A crawl pass then stops taking
/// new articles and prints its summary, instead of dying on an exception one article's state write raised.
/// </summary>
public sealed class StorageFullGuard : IPipelineStateStore, IHostLeaseStore
{
    private const int SqliteFull = 13;
    private const string PostgresDiskFull = "53100";

    private readonly IPipelineStateStore _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The store.</param>
    public StorageFullGuard(IPipelineStateStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc />
    public string Provider => _inner.Provider;

    /// <inheritdoc />
    public int SchemaVersion => _inner.SchemaVersion;

    /// <inheritdoc />
    public int SchemaVersionFound => _inner.SchemaVersionFound;

    /// <summary>Whether <paramref name="exception"/> says the storage of a state store is full.</summary>
    /// <param name="exception">Any exception.</param>
    /// <returns><see langword="true"/> for SQLITE_FULL, PostgreSQL 53100, or no space left on a device.</returns>
    public static bool IsFull(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteFull } or PostgresException { SqlState: PostgresDiskFull }
        || StorageFullException.IsStorageFull(exception);

    /// <inheritdoc />
    public Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.GetPageAsync(url, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, PageState>> GetPagesAsync(IReadOnlyCollection<Uri> urls, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.GetPagesAsync(urls, cancellationToken));

    /// <inheritdoc />
    public Task SavePageAsync(PageState state, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.SavePageAsync(state, cancellationToken));

    /// <inheritdoc />
    public Task<Uri?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.FindByContentHashAsync(contentHash, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<TranslationMemoryKey, string>> GetAsync(
        IReadOnlyCollection<TranslationMemoryKey> keys, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.GetAsync(keys, cancellationToken));

    /// <inheritdoc />
    public Task PutAsync(IReadOnlyCollection<KeyValuePair<TranslationMemoryKey, string>> entries, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.PutAsync(entries, cancellationToken));

    /// <inheritdoc />
    public Task AddAsync(PendingTranslation item, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.AddAsync(item, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingTranslation>> ListAsync(int max, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.ListAsync(max, cancellationToken));

    /// <inheritdoc />
    public Task RemoveAsync(string recordPath, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.RemoveAsync(recordPath, cancellationToken));

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.EnqueueAsync(item, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> EnqueueAllAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.EnqueueAllAsync(items, cancellationToken));

    /// <inheritdoc />
    public Task<WorkLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.TryLeaseAsync(owner, leaseDuration, cancellationToken));

    /// <inheritdoc />
    public Task<bool> RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.RenewAsync(lease, leaseDuration, cancellationToken));

    /// <inheritdoc />
    public Task<bool> CompleteAsync(WorkLease lease, SourceRunCounts? outcome = null, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.CompleteAsync(lease, outcome, cancellationToken));

    /// <inheritdoc />
    public Task ReleaseAsync(WorkLease lease, string? failure = null, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.ReleaseAsync(lease, failure, cancellationToken));

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.CountAsync(cancellationToken));

    /// <inheritdoc />
    public Task<bool> HasUntakenArticlesAsync(string sourceId, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.HasUntakenArticlesAsync(sourceId, cancellationToken));

    /// <summary>Whether the store partitions its work queue by host (<see cref="IHostLeaseStore"/>: PostgreSQL).</summary>
    public bool HasHostLeases => _inner is IHostLeaseStore;

    /// <inheritdoc />
    public Task<HostLease?> TryLeaseHostAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        GuardAsync(() => Hosts.TryLeaseHostAsync(owner, leaseDuration, cancellationToken));

    /// <inheritdoc />
    public Task<HostLease?> TryLeaseNamedHostAsync(string host, string owner, TimeSpan leaseDuration, TimeSpan? wantedFor = null, CancellationToken cancellationToken = default) =>
        GuardAsync(() => Hosts.TryLeaseNamedHostAsync(host, owner, leaseDuration, wantedFor, cancellationToken));

    /// <inheritdoc />
    public Task<bool> RenewHostAsync(HostLease lease, TimeSpan leaseDuration, DateTimeOffset? freeAt = null, CancellationToken cancellationToken = default) =>
        GuardAsync(() => Hosts.RenewHostAsync(lease, leaseDuration, freeAt, cancellationToken));

    /// <inheritdoc />
    public Task ReleaseHostAsync(HostLease lease, DateTimeOffset freeAt, CancellationToken cancellationToken = default) =>
        GuardAsync(() => Hosts.ReleaseHostAsync(lease, freeAt, cancellationToken));

    /// <inheritdoc />
    public Task<WorkLease?> TryLeaseFromHostAsync(HostLease host, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        GuardAsync(() => Hosts.TryLeaseFromHostAsync(host, leaseDuration, cancellationToken));

    /// <inheritdoc />
    public Task RecordRevisionAsync(RecordRevision revision, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.RecordRevisionAsync(revision, cancellationToken));

    /// <inheritdoc />
    public Task RecordSourceRunAsync(SourceRun run, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.RecordSourceRunAsync(run, cancellationToken));

    /// <inheritdoc />
    public Task AddToSourceRunAsync(Guid runId, SourceRunCounts counts, int queued, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.AddToSourceRunAsync(runId, counts, queued, cancellationToken));

    /// <inheritdoc />
    public Task RecordTranslationUsageAsync(DateTimeOffset at, long billed, long saved, CancellationToken cancellationToken = default) =>
        GuardAsync(() => _inner.RecordTranslationUsageAsync(at, billed, saved, cancellationToken));

    // The console's reads write nothing, so they cannot fill a disk: passed through as they are.

    /// <inheritdoc />
    public Task<IReadOnlyList<SourceRun>> LatestSourceRunsAsync(CancellationToken cancellationToken = default) =>
        _inner.LatestSourceRunsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ParkedPages> ParkedPagesAsync(int max, CancellationToken cancellationToken = default) =>
        _inner.ParkedPagesAsync(max, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingLanguageCount>> PendingLanguagesAsync(CancellationToken cancellationToken = default) =>
        _inner.PendingLanguagesAsync(cancellationToken);

    /// <inheritdoc />
    public Task<TranslationUsage> TranslationUsageAsync(DateOnly today, CancellationToken cancellationToken = default) =>
        _inner.TranslationUsageAsync(today, cancellationToken);

    /// <inheritdoc />
    public Task<RecordListPage> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken = default) =>
        _inner.ListRecordsAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<CatalogedRecord?> FindRecordAsync(string sourceId, string recordId, CancellationToken cancellationToken = default) =>
        _inner.FindRecordAsync(sourceId, recordId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordRevision>> RevisionsAsync(string sourceId, string recordId, CancellationToken cancellationToken = default) =>
        _inner.RevisionsAsync(sourceId, recordId, cancellationToken);

    /// <inheritdoc />
    public Task<WorkQueueView> WorkQueueAsync(CancellationToken cancellationToken = default) =>
        _inner.WorkQueueAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private IHostLeaseStore Hosts =>
        _inner as IHostLeaseStore ?? throw new NotSupportedException($"the {_inner.Provider} state store has no host leases; a cluster needs State:Provider=postgres");

    private static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not StorageFullException && IsFull(ex))
        {
            throw new StorageFullException($"the state store's storage is full: {ex.Message}", ex);
        }
    }

    private static async Task GuardAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not StorageFullException && IsFull(ex))
        {
            throw new StorageFullException($"the state store's storage is full: {ex.Message}", ex);
        }
    }
}
