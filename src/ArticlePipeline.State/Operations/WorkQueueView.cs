namespace ArticlePipeline.State.Operations;

/// <summary>The work queue.</summary>
/// <param name="Queued">Items waiting for a worker (never leased, or their lease expired).</param>
/// <param name="Workers">What each worker holds, by worker name.</param>
public sealed record WorkQueueView(long Queued, IReadOnlyList<WorkerClaim> Workers);
