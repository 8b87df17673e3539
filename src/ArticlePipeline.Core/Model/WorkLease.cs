namespace ArticlePipeline.Core.Model;

/// <summary>A work item taken by a worker until <see cref="ExpiresAt"/>.</summary>
/// <param name="Item">The item.</param>
/// <param name="Owner">The worker holding it.</param>
/// <param name="Token">Identifies this lease; a lease taken over by another worker has a new token.</param>
/// <param name="Attempt">How many times the item has been leased, this lease included.</param>
/// <param name="ExpiresAt">When the lease expires unless renewed.</param>
public sealed record WorkLease(WorkItem Item, string Owner, Guid Token, int Attempt, DateTimeOffset ExpiresAt);
