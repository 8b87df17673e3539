using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace ArticlePipeline.Output.Composition;

/// <summary>
/// The registered <see cref="IOperationsJournal"/>, resolved at the first write instead of when the sink is built:
/// the state store is opened in the output folder the sink names, so resolving it earlier would go round in a circle.
/// With no journal registered every call does nothing.
/// </summary>
internal sealed class DeferredJournal(IServiceProvider services) : IOperationsJournal
{
    private readonly Lazy<IOperationsJournal?> _journal = new(services.GetService<IOperationsJournal>, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task RecordRevisionAsync(RecordRevision revision, CancellationToken cancellationToken = default) =>
        _journal.Value?.RecordRevisionAsync(revision, cancellationToken) ?? Task.CompletedTask;

    public Task RecordSourceRunAsync(SourceRun run, CancellationToken cancellationToken = default) =>
        _journal.Value?.RecordSourceRunAsync(run, cancellationToken) ?? Task.CompletedTask;

    public Task AddToSourceRunAsync(Guid runId, SourceRunCounts counts, int queued, CancellationToken cancellationToken = default) =>
        _journal.Value?.AddToSourceRunAsync(runId, counts, queued, cancellationToken) ?? Task.CompletedTask;

    public Task RecordTranslationUsageAsync(DateTimeOffset at, long billed, long saved, CancellationToken cancellationToken = default) =>
        _journal.Value?.RecordTranslationUsageAsync(at, billed, saved, cancellationToken) ?? Task.CompletedTask;
}
