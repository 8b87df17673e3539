using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The Polly pipeline of each host: overall timeout, then retries, then the host's circuit breaker.</summary>
public sealed partial class HttpPageFetcher
{
    private ResiliencePipeline<HttpAttempt> PipelineFor(string authority) =>
        _pipelines.GetOrAddPipeline<HttpAttempt>(authority, builder => ConfigureHostPipeline(builder, authority));

    private void ConfigureHostPipeline(ResiliencePipelineBuilder<HttpAttempt> builder, string authority)
    {
        // Polly's own resilience events (logs and its "Polly" meter) alongside ours.
        builder.ConfigureTelemetry(_loggers);
        TimeSpan maxRetryAfter = TimeSpan.FromSeconds(_options.MaxRetryAfterSeconds);
        builder.TimeProvider = _time;
        builder.AddTimeout(TimeSpan.FromSeconds(_options.TotalTimeoutSeconds));
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpAttempt>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds),

                // A Retry-After longer than we are willing to wait fails the URL for this pass instead.
                ShouldHandle = TransientFailures().HandleResult(a => FetchRetry.IsTransient(a.Status) && a.RetryAfter <= maxRetryAfter),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } attempt && attempt.RetryAfter > TimeSpan.Zero ? (TimeSpan?)attempt.RetryAfter : null),
                OnRetry = args =>
                {
                    LogRetry(authority, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Result?.Status ?? 0, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        // Inside the retries, so every attempt counts; once open, the host's requests fail at once (no request).
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpAttempt>
        {
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(_options.BreakerSamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(_options.BreakerBreakSeconds),
            ShouldHandle = TransientFailures().HandleResult(a => FetchRetry.IsTransient(a.Status)),
            OnOpened = args =>
            {
                LogBreakerOpened(authority, args.BreakDuration, args.Outcome.Result?.Status ?? 0, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogBreakerClosed(authority);
                return ValueTask.CompletedTask;
            },
        });
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Host}: retry {Attempt} in {Delay} after status {Status} {Error}")]
    private partial void LogRetry(string host, int attempt, TimeSpan delay, int status, string? error);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Host}: circuit opened for {Duration} after status {Status} {Error}; its requests fail at once until then")]
    private partial void LogBreakerOpened(string host, TimeSpan duration, int status, string? error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Host}: circuit closed, requests resume")]
    private partial void LogBreakerClosed(string host);

    /// <summary>Connection errors (but not a refused address), cut-off bodies and attempt timeouts.</summary>
    private static PredicateBuilder<HttpAttempt> TransientFailures() => new PredicateBuilder<HttpAttempt>()
        .Handle<HttpRequestException>(ex => FindRefusal(ex) is null)
        .Handle<IOException>()
        .Handle<TimeoutRejectedException>();
}
