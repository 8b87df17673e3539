using System.Collections.Immutable;

namespace ArticlePipeline.State.Operations;

/// <summary>What one worker holds.</summary>
/// <param name="Owner">The worker's name.</param>
/// <param name="Items">Work items it holds a live lease on.</param>
/// <param name="Hosts">The hosts of those items.</param>
/// <param name="LeaseExpiresAt">When its latest lease expires unless renewed.</param>
public sealed record WorkerClaim(string Owner, int Items, ImmutableArray<string> Hosts, DateTimeOffset LeaseExpiresAt);
