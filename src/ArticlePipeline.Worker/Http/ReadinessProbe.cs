using Microsoft.Extensions.Hosting;

namespace ArticlePipeline.Worker.Http;

/// <summary>
/// The <c>/readyz</c> check: the same scheduler and store checks as the health file (the store bounded by
/// <see cref="HealthReporter.StoreTimeout"/>), plus whether the process is shutting down.
/// </summary>
internal sealed class ReadinessProbe(HealthReporter health, IHostApplicationLifetime lifetime)
{
    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        HealthReport report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        bool stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        bool ready = report.Status == "healthy" && !stopping;
        return new ReadinessReport(ready ? "ready" : "unready", report.Instance, report.Scheduler, report.Store, stopping, report.QueueDepth, report.At);
    }
}
