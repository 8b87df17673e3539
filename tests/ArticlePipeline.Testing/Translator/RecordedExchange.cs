using System.Text.Json;

namespace ArticlePipeline.Testing.Translator;

/// <summary>
/// One HTTP exchange recorded by the Azure SDK test-proxy (<c>{"Entries":[{RequestUri, RequestMethod, RequestHeaders,
/// RequestBody, StatusCode, ResponseHeaders, ResponseBody}]}</c>), with the bodies decoded to their text.
/// </summary>
/// <param name="Name">The recording's file name without extension, e.g. <c>TranslateBasic</c>.</param>
/// <param name="RequestUri">The recorded request address.</param>
/// <param name="RequestMethod">The recorded method.</param>
/// <param name="RequestHeaders">The recorded request headers (secrets read <c>Sanitized</c>).</param>
/// <param name="RequestBody">The request body text, or <see langword="null"/> when there was none.</param>
/// <param name="StatusCode">The response status.</param>
/// <param name="ResponseHeaders">The response headers; a header recorded as an array keeps its values.</param>
/// <param name="ResponseBody">The response body text (a body stored as a JSON object is re-serialized).</param>
public sealed record RecordedExchange(
    string Name,
    Uri RequestUri,
    string RequestMethod,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    int StatusCode,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders,
    string ResponseBody)
{
    /// <summary>Loads the first entry of a recording file.</summary>
    /// <param name="path">The recording's path.</param>
    /// <returns>The exchange.</returns>
    /// <exception cref="InvalidDataException">The file holds no entry.</exception>
    public static RecordedExchange Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement entries = document.RootElement.GetProperty("Entries");
        if (entries.GetArrayLength() == 0)
        {
            throw new InvalidDataException(path + " holds no recorded entry.");
        }

        JsonElement entry = entries[0];
        var requestHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty header in entry.GetProperty(nameof(RequestHeaders)).EnumerateObject())
        {
            requestHeaders[header.Name] = header.Value.ValueKind == JsonValueKind.Array
                ? string.Join(", ", header.Value.EnumerateArray().Select(v => v.GetString()))
                : header.Value.GetString() ?? string.Empty;
        }

        var responseHeaders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty header in entry.GetProperty(nameof(ResponseHeaders)).EnumerateObject())
        {
            responseHeaders[header.Name] = header.Value.ValueKind == JsonValueKind.Array
                ? [.. header.Value.EnumerateArray().Select(v => v.GetString() ?? string.Empty)]
                : [header.Value.GetString() ?? string.Empty];
        }

        return new RecordedExchange(
            System.IO.Path.GetFileNameWithoutExtension(path),
            new Uri(entry.GetProperty(nameof(RequestUri)).GetString()!),
            entry.GetProperty(nameof(RequestMethod)).GetString()!,
            requestHeaders,
            BodyText(entry.GetProperty(nameof(RequestBody))),
            entry.GetProperty(nameof(StatusCode)).GetInt32(),
            responseHeaders,
            BodyText(entry.GetProperty(nameof(ResponseBody))) ?? string.Empty);
    }

    /// <summary>One response header, multiple values joined by commas.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public string? ResponseHeader(string name) =>
        ResponseHeaders.TryGetValue(name, out IReadOnlyList<string>? values) ? string.Join(",", values) : null;

    private static string? BodyText(JsonElement body) => body.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => body.GetString(),
        _ => body.GetRawText(),
    };
}
