namespace ArticlePipeline.Translation.Client;

/// <summary>The HTTP header names of the Translator v3 REST contract.</summary>
public static class TranslatorHeaders
{
    /// <summary>The request header carrying the resource key.</summary>
    public const string SubscriptionKey = "Ocp-Apim-Subscription-Key";

    /// <summary>The request header naming the resource's region (needed for regional and multi-service resources).</summary>
    public const string SubscriptionRegion = "Ocp-Apim-Subscription-Region";

    /// <summary>The request header carrying a client-generated GUID that identifies one logical call.</summary>
    public const string ClientTraceId = "X-ClientTraceId";

    /// <summary>The response header with the service's id for the request, to quote in support cases.</summary>
    public const string RequestId = "X-RequestId";

    /// <summary>The response header with the number of characters billed for the request.</summary>
    public const string MeteredUsage = "X-Metered-Usage";
}
