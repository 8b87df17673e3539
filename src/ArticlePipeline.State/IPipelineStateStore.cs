using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.State.Operations;

namespace ArticlePipeline.State;

/// <summary>
/// Everything the pipeline keeps between runs, behind one object: page state, the translation memory, pending
/// translations, leased work items, and the operations journal the console reads (record catalog, source runs,
/// translation usage).
/// </summary>
/// <remarks>
/// Opened by <see cref="StateStoreFactory.OpenAsync"/>. Implementations are safe to share between threads and
/// between processes pointing at the same database; disposing releases pooled connections.
/// </remarks>
public interface IPipelineStateStore : IStateStore, ITranslationMemory, IPendingTranslations, IWorkItemStore, IOperationsJournal, IOperationsQueries, IAsyncDisposable
{
    /// <summary>The provider name, <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>The schema version the store was migrated to on open.</summary>
    int SchemaVersion { get; }

    /// <summary>The schema version found on open, before migrating (0 for a new store).</summary>
    int SchemaVersionFound { get; }
}
