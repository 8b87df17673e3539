using System.Text.Json.Serialization;

namespace ArticlePipeline.Translation.Client;

/// <summary>One input text translated into one target language.</summary>
public sealed class TranslationText
{
    /// <summary>Creates the translation (used by the JSON deserializer and tests).</summary>
    /// <param name="to">The target language code as the service reports it.</param>
    /// <param name="text">The translated text.</param>
    [JsonConstructor]
    public TranslationText(string? to, string? text)
    {
        To = to ?? string.Empty;
        Text = text ?? string.Empty;
    }

    /// <summary>The target language code, which the service may normalize (<c>zh-cn</c> comes back as <c>zh-Hans</c>).</summary>
    public string To { get; }

    /// <summary>The translated text.</summary>
    public string Text { get; }
}
