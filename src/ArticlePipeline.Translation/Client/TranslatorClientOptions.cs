using Azure.Core;

namespace ArticlePipeline.Translation.Client;

/// <summary>Options for <see cref="TranslatorClient"/>: the service version plus Azure.Core's retry, diagnostics and transport.</summary>
/// <remarks>
/// The retry policy of <see cref="ClientOptions.Retry"/> is the only retry layer of the Translator call: Azure.Core retries
/// 408, 429, 500, 502, 503 and 504 and network failures with exponential back-off, and waits at least as long as a
/// <c>Retry-After</c> header asks.
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
}
