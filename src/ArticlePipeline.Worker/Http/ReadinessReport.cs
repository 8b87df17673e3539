namespace ArticlePipeline.Worker.Http;

/// <summary>What <c>/readyz</c> answers.</summary>
/// <param name="Status"><c>ready</c> or <c>unready</c>.</param>
/// <param name="Instance">This node.</param>
/// <param name="Scheduler">Quartz state: <c>started</c>, <c>standby</c>, <c>shutdown</c>, <c>not started</c> or an error.</param>
/// <param name="Store">State store: <c>ok</c> or why it did not answer.</param>
/// <param name="ShuttingDown">Whether the process is stopping.</param>
/// <param name="QueueDepth">Work items queued or leased, or -1 when the store did not answer.</param>
/// <param name="At">When the check ran.</param>
public sealed record ReadinessReport(string Status, string Instance, string Scheduler, string Store, bool ShuttingDown, long QueueDepth, DateTimeOffset At);
