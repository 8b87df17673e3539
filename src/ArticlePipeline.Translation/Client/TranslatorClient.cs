using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ArticlePipeline.Translation.Client;

/// <summary>
/// A client for the Azure AI Translator text API v3.0, shaped like <c>TextTranslationClient</c> of the
/// <c>Azure.AI.Translation.Text</c> package (which our NuGet mirror lacks) so that it can be swapped in later.
/// </summary>
/// <remarks>
/// The client is built on an Azure.Core <see cref="HttpPipeline"/>: the key goes out as <c>Ocp-Apim-Subscription-Key</c>,
/// the region (when given) as <c>Ocp-Apim-Subscription-Region</c>, each call carries a new <c>X-ClientTraceId</c>, and
/// <see cref="ClientOptions.Retry"/> is the one retry layer. Failures surface as <see cref="RequestFailedException"/> whose
/// <see cref="RequestFailedException.ErrorCode"/> is the service's numeric code, e.g. <c>400077</c>.
/// The client is thread-safe; create one per endpoint and key and reuse it.
/// </remarks>
public sealed class TranslatorClient
{
    /// <summary>The host of the global Translator endpoint.</summary>
    public const string GlobalHost = "api.cognitive.microsofttranslator.com";

    private const string CustomEndpointSuffix = ".cognitiveservices.azure.com";
    private const string CustomEndpointPathPrefix = "/translator/text/v3.0";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly AzureKeyCredential _credential;
    private readonly string _apiVersion;

    /// <summary>Creates a client.</summary>
    /// <param name="endpoint">
    /// The Translator endpoint: <c>https://api.cognitive.microsofttranslator.com</c>, a custom subdomain
    /// <c>https://NAME.cognitiveservices.azure.com</c> (the path <c>/translator/text/v3.0</c> is added) or any other base address.
    /// </param>
    /// <param name="credential">The resource key.</param>
    /// <param name="region">The resource's Azure region, required for regional and multi-service resources.</param>
    /// <param name="options">Retry, diagnostics and transport options.</param>
    public TranslatorClient(Uri endpoint, AzureKeyCredential credential, string? region = null, TranslatorClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The Translator endpoint must be an absolute URI.", nameof(endpoint));
        }

        options ??= new TranslatorClientOptions();
        _endpoint = endpoint;
        _credential = credential;
        _apiVersion = options.Version;

        var pipelineOptions = new HttpPipelineOptions(options)
        {
            RequestFailedDetailsParser = TranslatorErrorParser.Instance,
        };
        if (!string.IsNullOrWhiteSpace(region))
        {
            pipelineOptions.PerCallPolicies.Add(new TranslatorRegionPolicy(region.Trim()));
        }

        TimeProvider time = options.TimeProvider ?? TimeProvider.System;
        if (options.CharactersPerMinute > 0)
        {
            // Per retry: a retried request is metered again, so it waits for room again.
            pipelineOptions.PerRetryPolicies.Add(new TranslatorPacingPolicy(new CharacterBudget(options.CharactersPerMinute, time), time, options.Loggers));
        }

        // Per retry, so a key rotated through AzureKeyCredential.Update applies to the next attempt.
        pipelineOptions.PerRetryPolicies.Add(new TranslatorKeyCredentialPolicy(credential));

        // Azure.Core takes the retry policy from the options: ours (same rules, waits on the clock) unless the caller chose one.
        // The options object is shared with the caller, so it gets its value back once the pipeline holds the policy.
        HttpPipelinePolicy? chosen = options.RetryPolicy;
        options.RetryPolicy = chosen ?? new TranslatorRetryPolicy(options.Retry, time);
        try
        {
            _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
        }
        finally
        {
            options.RetryPolicy = chosen;
        }
    }

    /// <summary>The endpoint the client was created with.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Translates texts into one or more languages in a single request.</summary>
    /// <param name="targetLanguages">The languages to translate into (<c>to</c>, repeated); at least one.</param>
    /// <param name="content">The texts (one array element each); the service allows 1,000 elements and 50,000 characters
    /// counted across all targets per request.</param>
    /// <param name="sourceLanguage">The language of the texts (<c>from</c>); <see langword="null"/> lets the service detect it.</param>
    /// <param name="textType">Plain text or HTML.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One item per input text, in input order; the raw response carries <c>X-Metered-Usage</c> and <c>X-RequestId</c>
    /// (see <see cref="TranslatorResponseExtensions"/>).</returns>
    /// <exception cref="RequestFailedException">The service answered an error after the retries, or the response was unreadable.</exception>
    public async Task<Response<IReadOnlyList<TranslatedTextItem>>> TranslateAsync(
        IEnumerable<string> targetLanguages,
        IEnumerable<string> content,
        string? sourceLanguage = null,
        TextType textType = TextType.Plain,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetLanguages);
        ArgumentNullException.ThrowIfNull(content);
        List<string> targets = [.. targetLanguages];
        if (targets.Count == 0 || targets.Exists(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one target language is required, and none may be blank.", nameof(targetLanguages));
        }

        List<InputTextItem> body = [.. content.Select(static text => new InputTextItem(text ?? string.Empty))];

        using HttpMessage message = CreateTranslateRequest(targets, body, sourceLanguage, textType);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        Response response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response, null, TranslatorErrorParser.Instance);
        }

        IReadOnlyList<TranslatedTextItem> items = Deserialize(response, TranslatorJsonContext.Wire.IReadOnlyListTranslatedTextItem);
        return Response.FromValue(items, response);
    }

    /// <summary>
    /// Whether <paramref name="text"/> contains the key (ignoring case, as a translation may change it); keys shorter than
    /// <see cref="SecretScreen.MinimumLength"/> (only ever test keys) are not looked for.
    /// </summary>
    /// <param name="text">A text the service returned.</param>
    /// <returns><see langword="true"/> when it holds the key.</returns>
    internal bool HoldsKey(string text)
    {
        string key = _credential.Key.Trim();
        return key.Length >= SecretScreen.MinimumLength && text.Contains(key, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Replaces the current key, wherever it occurs in <paramref name="text"/>, so a message is safe to log.</summary>
    /// <param name="text">A message that may quote request details.</param>
    /// <returns>The text without the key.</returns>
    internal string RedactKey(string text)
    {
        string key = _credential.Key;
        return string.IsNullOrEmpty(key) ? text : text.Replace(key, "[redacted]", StringComparison.Ordinal);
    }

    /// <summary>The address of <c>/translate</c> for an endpoint, with the custom-subdomain path prefix when it applies.</summary>
    /// <param name="endpoint">The endpoint the client was created with.</param>
    /// <returns>The path to append the query to.</returns>
    internal static RequestUriBuilder BuildTranslateUri(Uri endpoint)
    {
        string basePath = endpoint.AbsolutePath.TrimEnd('/');
        bool custom = endpoint.Host.EndsWith(CustomEndpointSuffix, StringComparison.OrdinalIgnoreCase)
            && !basePath.EndsWith(CustomEndpointPathPrefix, StringComparison.OrdinalIgnoreCase);
        var address = new UriBuilder(endpoint)
        {
            Path = basePath + (custom ? CustomEndpointPathPrefix : string.Empty) + "/translate",
            Query = string.Empty,
            Fragment = string.Empty,
        };
        var uri = new RequestUriBuilder();
        uri.Reset(address.Uri);
        return uri;
    }

    private HttpMessage CreateTranslateRequest(List<string> targets, List<InputTextItem> body, string? sourceLanguage, TextType textType)
    {
        HttpMessage message = _pipeline.CreateMessage();
        Request request = message.Request;
        request.Method = RequestMethod.Post;

        RequestUriBuilder uri = BuildTranslateUri(_endpoint);
        uri.AppendQuery("api-version", _apiVersion, escapeValue: true);
        if (!string.IsNullOrWhiteSpace(sourceLanguage))
        {
            uri.AppendQuery("from", sourceLanguage, escapeValue: true);
        }

        foreach (string target in targets)
        {
            uri.AppendQuery("to", target, escapeValue: true);
        }

        if (textType == TextType.Html)
        {
            uri.AppendQuery("textType", "html", escapeValue: true);
        }

        request.Uri = uri;
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json; charset=UTF-8");
        request.Headers.SetValue(TranslatorHeaders.ClientTraceId, Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture));
        request.Content = RequestContent.Create(
            JsonSerializer.SerializeToUtf8Bytes(body, TranslatorJsonContext.Wire.IReadOnlyListInputTextItem));

        // What the service will meter, for the pacing policy: UTF-16 code units of every text, times the targets.
        message.SetProperty(TranslatorPacingPolicy.ChargeProperty, body.Sum(static item => (long)item.Text.Length) * targets.Count);
        return message;
    }

    private static T Deserialize<T>(Response response, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(response.Content.ToMemory().Span, typeInfo)
                ?? throw new RequestFailedException(response.Status, "The Translator response body was empty or null.");
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException(response.Status, "The Translator response body was not the expected JSON: " + ex.Message, ex);
        }
    }
}
