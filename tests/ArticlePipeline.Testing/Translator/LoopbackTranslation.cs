namespace ArticlePipeline.Testing.Translator;

/// <summary>The loopback Translator's deterministic "translation", so tests can predict every output.</summary>
public static class LoopbackTranslation
{
    /// <summary>
    /// Translates <paramref name="text"/> into <paramref name="language"/>: <c>"[" + language + "] " + text</c>. With HTML,
    /// markup is kept and the content of <c>&lt;span class="notranslate"&gt;</c> elements is left as is (the prefix is the only
    /// change, so both hold by construction).
    /// </summary>
    /// <param name="text">The source text.</param>
    /// <param name="language">The target language code as requested.</param>
    /// <returns>The translation.</returns>
    public static string Translate(string text, string language) => "[" + language + "] " + text;
}
