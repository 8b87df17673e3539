using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using ArticlePipeline.Core.Text;
using Azure;
using Azure.Core;

namespace ArticlePipeline.Translation.Client;

/// <summary>
/// Reads the Translator error body <c>{"error":{"code":400077,"message":"..."}}</c>, whose numeric code Azure.Core's
/// default parser (which expects a string) would drop, so <see cref="RequestFailedException.ErrorCode"/> is <c>"400077"</c>.
/// The code and message are server text: they come out cleaned and cut (<see cref="UntrustedText.Clean"/>).
/// </summary>
internal sealed class TranslatorErrorParser : RequestFailedDetailsParser
{
    /// <summary>The shared instance; the parser holds no state.</summary>
    public static TranslatorErrorParser Instance { get; } = new();

    /// <inheritdoc />
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        error = TryRead(response, out string? code, out string? message) ? new ResponseError(code, message) : null;
        return error is not null;
    }

    /// <summary>Reads the error code and message of a failed Translator response.</summary>
    /// <param name="response">The response; its content must be buffered (Azure.Core buffers by default).</param>
    /// <param name="code">The code as text, e.g. <c>401000</c>, or <see langword="null"/>.</param>
    /// <param name="message">The service's message, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the body held a Translator error object.</returns>
    public static bool TryRead(Response? response, out string? code, out string? message)
    {
        code = null;
        message = null;
        if (response is null || !TryGetContent(response, out BinaryData? content) || content.ToMemory().IsEmpty)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out JsonElement error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (error.TryGetProperty("code", out JsonElement codeElement))
            {
                code = codeElement.ValueKind switch
                {
                    JsonValueKind.Number => codeElement.TryGetInt64(out long number)
                        ? number.ToString(CultureInfo.InvariantCulture)
                        : codeElement.GetRawText(),
                    JsonValueKind.String => codeElement.GetString(),
                    _ => null,
                };
            }

            if (error.TryGetProperty("message", out JsonElement messageElement) && messageElement.ValueKind == JsonValueKind.String)
            {
                message = messageElement.GetString();
            }

            // The service's words end up in exceptions, logs and records: one clean line, cut.
            code = code is null ? null : UntrustedText.Clean(code, 40);
            message = message is null ? null : UntrustedText.Clean(message);

            return code is not null || message is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryGetContent(Response response, [NotNullWhen(true)] out BinaryData? content)
    {
        try
        {
            content = response.Content;
            return true;
        }
        catch (InvalidOperationException)
        {
            // The body was streamed rather than buffered: there is nothing to read without consuming it.
            content = null;
            return false;
        }
    }
}
