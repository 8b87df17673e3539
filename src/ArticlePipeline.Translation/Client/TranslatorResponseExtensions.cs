using System.Globalization;
using Azure;

namespace ArticlePipeline.Translation.Client;

/// <summary>Reads the Translator-specific headers of a raw <see cref="Response"/>.</summary>
public static class TranslatorResponseExtensions
{
    /// <summary>The characters the service billed for the request (<c>X-Metered-Usage</c>).</summary>
    /// <param name="response">A raw Translator response, e.g. from <c>Response&lt;T&gt;.GetRawResponse()</c>.</param>
    /// <returns>The billed characters, or <see langword="null"/> when the header is absent or not a number.</returns>
    public static long? GetMeteredUsage(this Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValue(TranslatorHeaders.MeteredUsage, out string? value)
            && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long characters)
                ? characters
                : null;
    }

    /// <summary>The service's id for the request (<c>X-RequestId</c>).</summary>
    /// <param name="response">A raw Translator response.</param>
    /// <returns>The request id, or <see langword="null"/> when the header is absent.</returns>
    public static string? GetRequestId(this Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValue(TranslatorHeaders.RequestId, out string? value) && !string.IsNullOrEmpty(value)
            ? value
            : null;
    }
}
