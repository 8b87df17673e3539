using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The resilience pipelines: per host (keyed by authority) an overall timeout, then retries, then the host's circuit
/// breaker; and the timeout of one attempt, which runs inside the host's politeness turn.
/// </summary>
/// <param name="options">Network options: timeouts, retries and breaker settings.</param>
/// <param name="time">The clock the pipelines wait and sample by.</param>
/// <param name="loggers">Where Polly's own telemetry goes.</param>
/// <param name="logger">Where retries and breaker changes are logged.</param>
internal sealed class HostPipelines(NetworkOptions options, TimeProvider time, ILoggerFactory loggers, ILogger logger) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    /// <summary>The timeout of one attempt: the headers and the whole body.</summary>
    public ResiliencePipeline AttemptTimeout { get; } = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds))
        .Build();

    /// <summary>The pipeline of <paramref name="authority"/>, built on first use.</summary>
    public ResiliencePipeline<HttpAttempt> For(string authority) =>
        _registry.GetOrAddPipeline<HttpAttempt>(authority, builder => Configure(builder, authority));

    /// <inheritdoc />
    public void Dispose() => _registry.Dispose();

    private void Configure(ResiliencePipelineBuilder<HttpAttempt> builder, string authority)
    {
        // Polly's own resilience events (logs and its "Polly" meter) alongside ours.
        builder.ConfigureTelemetry(loggers);
        TimeSpan maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        builder.TimeProvider = time;
        builder.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpAttempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),

                // A Retry-After longer than we are willing to wait fails the URL for this pass instead.
                ShouldHandle = TransientFailures().HandleResult(a => FetchRetry.IsTransient(a.Status) && a.RetryAfter <= maxRetryAfter),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } attempt && attempt.RetryAfter > TimeSpan.Zero ? (TimeSpan?)attempt.RetryAfter : null),
                OnRetry = args =>
                {
                    FetchLog.Retry(logger, authority, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Result?.Status ?? 0, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        // Inside the retries, so every attempt counts; once open, the host's requests fail at once (no request).
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpAttempt>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
            ShouldHandle = TransientFailures().HandleResult(a => FetchRetry.IsTransient(a.Status)),
            OnOpened = args =>
            {
                FetchLog.BreakerOpened(logger, authority, args.BreakDuration, args.Outcome.Result?.Status ?? 0, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                FetchLog.BreakerClosed(logger, authority);
                return ValueTask.CompletedTask;
            },
        });
    }

    /// <summary>Connection errors (but not a refused address), cut-off bodies and attempt timeouts.</summary>
    private static PredicateBuilder<HttpAttempt> TransientFailures() => new PredicateBuilder<HttpAttempt>()
        .Handle<HttpRequestException>(ex => AddressGuard.FindRefusal(ex) is null)
        .Handle<IOException>()
        .Handle<TimeoutRejectedException>();
}
