namespace ArticlePipeline.Worker;

/// <summary>What the health file says.</summary>
/// <param name="Status"><c>healthy</c> or <c>unhealthy</c>.</param>
/// <param name="Instance">This node.</param>
/// <param name="Scheduler">Quartz state: <c>started</c>, <c>standby</c>, <c>shutdown</c> or an error.</param>
/// <param name="Store">State store: <c>ok</c> or the error.</param>
/// <param name="QueueDepth">Work items queued or leased.</param>
/// <param name="At">When the report was written.</param>
public sealed record HealthReport(string Status, string Instance, string Scheduler, string Store, long QueueDepth, DateTimeOffset At);
