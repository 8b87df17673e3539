using Azure.Core;

namespace ArticlePipeline.Translation.Client;

/// <summary>Options for <see cref="TranslatorClient"/>: the service version plus Azure.Core's retry, diagnostics and transport.</summary>
/// <remarks>
/// The retry policy of <see cref="ClientOptions.Retry"/> is the only retry layer of the Translator call: Azure.Core's rules retry
/// 408, 429, 500, 502, 503 and 504 and network failures with exponential back-off, and wait at least as long as a
/// <c>Retry-After</c> header asks, on <see cref="TimeProvider"/> (unless <see cref="ClientOptions.RetryPolicy"/> is set, which
/// replaces it). Before each attempt the client waits for room in its <see cref="CharactersPerMinute"/> budget.
/// </remarks>
public sealed class TranslatorClientOptions : ClientOptions
{
    private const ServiceVersion LatestVersion = ServiceVersion.V3_0;

    /// <summary>Creates the options.</summary>
    /// <param name="version">The Translator API version to call.</param>
    /// <exception cref="NotSupportedException"><paramref name="version"/> is not a known version.</exception>
    public TranslatorClientOptions(ServiceVersion version = LatestVersion)
    {
        Version = version switch
        {
            ServiceVersion.V3_0 => "3.0",
            _ => throw new NotSupportedException($"Translator service version {version} is not supported."),
        };

        // Headers worth seeing in Azure.Core's request logs; the subscription key is never in this list.
        Diagnostics.LoggedHeaderNames.Add(TranslatorHeaders.ClientTraceId);
        Diagnostics.LoggedHeaderNames.Add(TranslatorHeaders.RequestId);
        Diagnostics.LoggedHeaderNames.Add(TranslatorHeaders.MeteredUsage);
        Diagnostics.LoggedHeaderNames.Add(TranslatorHeaders.SubscriptionRegion);
        Diagnostics.LoggedQueryParameters.Add("api-version");
        Diagnostics.LoggedQueryParameters.Add("from");
        Diagnostics.LoggedQueryParameters.Add("to");
        Diagnostics.LoggedQueryParameters.Add("textType");
    }

    /// <summary>The versions of the Translator text API this client can call.</summary>
    public enum ServiceVersion
    {
        /// <summary>Translator text API v3.0 (<c>api-version=3.0</c>).</summary>
#pragma warning disable CA1707 // Azure SDK convention for service version names.
        V3_0 = 1,
#pragma warning restore CA1707
    }

    /// <summary>The value sent as <c>api-version</c>.</summary>
    /// <value><c>3.0</c>.</value>
    public string Version { get; }

    /// <summary>The characters (counted across target languages) the client sends in any sliding minute; further requests
    /// wait instead of drawing 429 answers. 0 turns pacing off.</summary>
    /// <value>Default <see cref="S1CharactersPerMinute"/>.</value>
    public long CharactersPerMinute { get; set; } = S1CharactersPerMinute;

    /// <summary>The clock that paces requests and times retries.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where throttling (429 answers and the pause they cause) is logged; nowhere when <see langword="null"/>.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Loggers { get; set; }

    /// <summary>The S1 tier's rate: 40 million characters an hour, to be consumed evenly over sliding one-minute windows,
    /// i.e. 666,666 characters a minute (the F0 tier's 2 million an hour would be 33,333).</summary>
    public const long S1CharactersPerMinute = 40_000_000 / 60;
}
