using System.Text;

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

    /// <summary>
    /// Translates <paramref name="text"/> into <paramref name="language"/>: the <c>[language] </c> prefix and, with
    /// <paramref name="upperCase"/>, every translatable character upper-cased (invariant culture, so lengths do not change).
    /// With <paramref name="html"/>, tags and entities are kept as they are and so is everything inside a <c>span</c> whose
    /// tag mentions <c>notranslate</c> (quoted or not), as the service does.
    /// </summary>
    /// <param name="text">The source text.</param>
    /// <param name="language">The target language code as requested.</param>
    /// <param name="html">Whether the request said <c>textType=html</c>.</param>
    /// <param name="upperCase">Whether to upper-case the translated text.</param>
    /// <returns>The translation.</returns>
    public static string Translate(string text, string language, bool html, bool upperCase)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!upperCase)
        {
            return Translate(text, language);
        }

        if (!html)
        {
            return Translate(text.ToUpperInvariant(), language);
        }

        var translated = new StringBuilder(text.Length + language.Length + 3).Append('[').Append(language).Append("] ");
        int protectedDepth = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int end = c switch
            {
                '<' => text.IndexOf('>', i),
                '&' => EntityEnd(text, i),
                _ => -1,
            };
            if (end < 0)
            {
                translated.Append(protectedDepth > 0 ? c : char.ToUpperInvariant(c));
                i++;
                continue;
            }

            string token = text[i..(end + 1)];
            if (token.StartsWith("</span", StringComparison.OrdinalIgnoreCase))
            {
                protectedDepth = Math.Max(0, protectedDepth - 1);
            }
            else if (token.StartsWith("<span", StringComparison.OrdinalIgnoreCase)
                && (protectedDepth > 0 || token.Contains("notranslate", StringComparison.OrdinalIgnoreCase)))
            {
                protectedDepth++;
            }

            translated.Append(token);
            i = end + 1;
        }

        return translated.ToString();
    }

    /// <summary>The index of the <c>;</c> ending the entity that starts at <paramref name="start"/>, or -1 when it is a bare
    /// ampersand.</summary>
    private static int EntityEnd(string text, int start)
    {
        for (int i = start + 1; i < text.Length && i <= start + 10; i++)
        {
            char c = text[i];
            if (c == ';')
            {
                return i > start + 1 ? i : -1;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '#')
            {
                return -1;
            }
        }

        return -1;
    }
}
