using System.Text.Json.Serialization;

namespace ArticlePipeline.Translation.Client;

/// <summary>The translations of one input text, in the order the target languages were requested.</summary>
public sealed class TranslatedTextItem
{
    /// <summary>Creates the item (used by the JSON deserializer and tests).</summary>
    /// <param name="detectedLanguage">The detected source language, when no source language was given.</param>
    /// <param name="translations">One translation per target language.</param>
    [JsonConstructor]
    public TranslatedTextItem(DetectedLanguage? detectedLanguage, IReadOnlyList<TranslationText>? translations)
    {
        DetectedLanguage = detectedLanguage;
        Translations = translations ?? [];
    }

    /// <summary>The language the service detected; <see langword="null"/> when the request named the source language.</summary>
    public DetectedLanguage? DetectedLanguage { get; }

    /// <summary>One translation per requested target language, in request order.</summary>
    public IReadOnlyList<TranslationText> Translations { get; }
}
