using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Translation.Client;

/// <summary>
/// Waits, before every attempt of a <c>/translate</c> call, until its characters fit the <see cref="CharacterBudget"/>; after a
/// 429 answer, pauses the budget until the answer's <c>Retry-After</c>.
/// </summary>
/// <remarks>A per-retry policy: a retried request is metered again by the service, so it is paced again.</remarks>
internal sealed partial class TranslatorPacingPolicy : HttpPipelinePolicy
{
    /// <summary>The <see cref="HttpMessage"/> property holding a request's metered size (characters × targets, a <see cref="long"/>).</summary>
    public const string ChargeProperty = "ArticlePipeline.Translator.Characters";

    private readonly CharacterBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the policy.</summary>
    /// <param name="budget">The budget shared by every call of one client.</param>
    /// <param name="time">The clock <c>Retry-After</c> is measured from.</param>
    /// <param name="loggers">Where a 429 and its pause are logged; nowhere when <see langword="null"/>.</param>
    public TranslatorPacingPolicy(CharacterBudget budget, TimeProvider time, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(time);
        _budget = budget;
        _time = time;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<TranslatorPacingPolicy>();
    }

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _budget.WaitAsync(Charge(message), message.CancellationToken).ConfigureAwait(false);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        ObserveThrottling(message);
    }

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        _budget.WaitAsync(Charge(message), message.CancellationToken).AsTask().GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
        ObserveThrottling(message);
    }

    private static long Charge(HttpMessage message) =>
        message.TryGetProperty(ChargeProperty, out object? value) && value is long characters ? characters : 0;

    private void ObserveThrottling(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status == 429
            && message.Response.Headers.TryGetValue("Retry-After", out string? retryAfter)
            && double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0)
        {
            _budget.PauseUntil(_time.GetUtcNow() + TimeSpan.FromSeconds(seconds));
            LogThrottled(seconds);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Translator answered 429 (too many requests): requests paused for {Seconds} s as Retry-After asks")]
    private partial void LogThrottled(double seconds);
}
