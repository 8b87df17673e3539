namespace ArticlePipeline.Testing.Translator;

/// <summary>The Translator v3 error codes the loopback server answers with (the service's own numbers).</summary>
public static class TranslatorErrorCodes
{
    /// <summary>400021: the <c>api-version</c> parameter is missing or invalid.</summary>
    public const int InvalidApiVersion = 400021;

    /// <summary>400035: the source language (<c>from</c>) is not valid.</summary>
    public const int InvalidSourceLanguage = 400035;

    /// <summary>400036: the target language (<c>to</c>) is missing or not valid.</summary>
    public const int InvalidTargetLanguage = 400036;

    /// <summary>400050: the input text is too long (one element, or all characters × targets).</summary>
    public const int TextTooLong = 400050;

    /// <summary>400064: the <c>textType</c> parameter is not valid.</summary>
    public const int InvalidTextType = 400064;

    /// <summary>400074: the body of the request is not valid JSON.</summary>
    public const int InvalidJson = 400074;

    /// <summary>400077: the maximum request size (1,000 array elements) has been exceeded.</summary>
    public const int TooManyElements = 400077;

    /// <summary>401000: credentials are missing or invalid.</summary>
    public const int Unauthorized = 401000;

    /// <summary>403001: the subscription has exceeded its free quota.</summary>
    public const int QuotaExceeded = 403001;

    /// <summary>404001: no such resource.</summary>
    public const int NotFound = 404001;

    /// <summary>405000: the method is not supported for the resource.</summary>
    public const int MethodNotAllowed = 405000;

    /// <summary>429001: the client exceeded its character budget per minute.</summary>
    public const int TooManyRequests = 429001;

    /// <summary>500000: an unexpected error occurred.</summary>
    public const int InternalError = 500000;

    /// <summary>503000: the service is temporarily unavailable.</summary>
    public const int ServiceUnavailable = 503000;
}
