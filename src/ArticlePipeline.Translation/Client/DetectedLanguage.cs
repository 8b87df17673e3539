using System.Text.Json.Serialization;

namespace ArticlePipeline.Translation.Client;

/// <summary>The source language the service detected for one input text.</summary>
public sealed class DetectedLanguage
{
    /// <summary>Creates the value (used by the JSON deserializer and tests).</summary>
    /// <param name="language">The detected language code.</param>
    /// <param name="confidence">The service's confidence, between 0 and 1.</param>
    [JsonConstructor]
    public DetectedLanguage(string? language, float confidence)
    {
        Language = language ?? string.Empty;
        Confidence = confidence;
    }

    /// <summary>The detected language code, e.g. <c>vi</c>.</summary>
    public string Language { get; }

    /// <summary>The service's confidence in the detection, between 0 and 1 (JSON <c>score</c>).</summary>
    [JsonPropertyName("score")]
    public float Confidence { get; }
}
