using System.Runtime.ExceptionServices;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ArticlePipeline.Translation.Client;

/// <summary>
/// Azure.Core's retry loop (its response classifier, <see cref="RetryOptions"/> and <see cref="DelayStrategy"/>, which honours
/// <c>Retry-After</c>), waiting on a <see cref="TimeProvider"/> instead of the wall clock.
/// </summary>
/// <remarks>
/// <see cref="RetryPolicy"/> waits with <c>Task.Delay</c> in members it does not let us override, so a test clock could not move
/// its waits; this policy runs the same loop (retry while <see cref="RetryPolicy.ShouldRetryAsync"/> says so, wait
/// <see cref="DelayStrategy.GetNextDelay"/>, dispose the failed response, count the retry) and stays the client's only retry
/// layer.
/// </remarks>
internal sealed class TranslatorRetryPolicy : RetryPolicy
{
    private readonly DelayStrategy _delay;
    private readonly TimeProvider _time;

    /// <summary>Creates the policy from Azure.Core's retry options.</summary>
    /// <param name="options">Retries, mode, first and longest delay.</param>
    /// <param name="time">The clock to wait on.</param>
    public TranslatorRetryPolicy(RetryOptions options, TimeProvider time)
        : this(options.MaxRetries, CreateDelay(options), time)
    {
    }

    private TranslatorRetryPolicy(int maxRetries, DelayStrategy delay, TimeProvider time)
        : base(maxRetries, delay)
    {
        ArgumentNullException.ThrowIfNull(time);
        _delay = delay;
        _time = time;
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    private static DelayStrategy CreateDelay(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Mode == RetryMode.Fixed
            ? DelayStrategy.CreateFixedDelayStrategy(options.Delay)
            : DelayStrategy.CreateExponentialDelayStrategy(options.Delay, options.MaxDelay);
    }

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<Exception>? exceptions = null;
        while (true)
        {
            Exception? failure = null;
            try
            {
                if (async)
                {
                    await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                }
                else
                {
                    ProcessNext(message, pipeline);
                }
            }
#pragma warning disable CA1031 // Like Azure.Core's own loop: the classifier decides which exceptions are worth a retry.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                (exceptions ??= []).Add(ex);
                failure = ex;
            }

            bool retry = (failure is not null || (message.HasResponse && message.Response.IsError))
                && (async ? await ShouldRetryAsync(message, failure).ConfigureAwait(false) : ShouldRetry(message, failure));
            if (retry)
            {
                TimeSpan delay = _delay.GetNextDelay(message.HasResponse ? message.Response : null, message.ProcessingContext.RetryNumber + 1);
                if (delay > TimeSpan.Zero)
                {
                    Task wait = Task.Delay(delay, _time, message.CancellationToken);
                    if (async)
                    {
                        await wait.ConfigureAwait(false);
                    }
                    else
                    {
                        wait.GetAwaiter().GetResult();
                    }
                }

                if (message.HasResponse)
                {
                    // Frees the connection of the failed attempt.
                    message.Response.ContentStream?.Dispose();
                }

                MessageProcessingContext context = message.ProcessingContext;
                context.RetryNumber++;
                continue;
            }

            if (failure is not null)
            {
                if (exceptions!.Count == 1)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                throw new AggregateException(
                    $"Retry failed after {message.ProcessingContext.RetryNumber + 1} tries.", exceptions);
            }

            return;
        }
    }
}
