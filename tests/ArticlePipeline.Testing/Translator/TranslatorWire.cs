using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace ArticlePipeline.Testing.Translator;

/// <summary>Reading and writing the Translator v3 wire format on the loopback servers.</summary>
internal static class TranslatorWire
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Reads the whole request body as UTF-8 text.</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Parses a body <c>[{"text":"..."}]</c> (property name case-insensitive, as the service accepts).</summary>
    /// <returns>The texts, or <see langword="null"/> when the body is not such an array.</returns>
    public static List<string>? TryParseTexts(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var texts = new List<string>(document.RootElement.GetArrayLength());
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                JsonProperty? text = element.EnumerateObject()
                    .Cast<JsonProperty?>()
                    .FirstOrDefault(p => string.Equals(p!.Value.Name, "text", StringComparison.OrdinalIgnoreCase));
                if (text is not { Value.ValueKind: JsonValueKind.String })
                {
                    return null;
                }

                texts.Add(text.Value.Value.GetString()!);
            }

            return texts;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The decoded query pairs in order.</summary>
    public static List<KeyValuePair<string, string>> QueryPairs(HttpRequest request) =>
        [.. request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)))];

    /// <summary>The request headers, case-insensitive.</summary>
    public static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes <c>{"error":{"code":N,"message":"..."}}</c> with a numeric code, as the service does.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, int status, int code, string message, TimeSpan? retryAfter)
    {
        response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(0, delay.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        }

        await WriteJsonAsync(response, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes a JSON body with <c>Content-Type: application/json; charset=utf-8</c>.</summary>
    public static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            write(writer);
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
