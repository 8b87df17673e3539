namespace ArticlePipeline.Worker;

/// <summary>Files the worker writes besides records.</summary>
/// <param name="HealthFile">The health report.</param>
public sealed record WorkerPaths(string HealthFile);
