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

        // Tags, entities and notranslate spans keep their case: only the translatable characters are upper-cased.
        return Translate(Walk(text, html, char.ToUpperInvariant), language);
    }

    /// <summary>
    /// Translates <paramref name="text"/> into <paramref name="language"/> in the language's own script, so answers pass the
    /// provider's checks: the prefix <c>[code] </c> with the code itself in that script, and every translatable letter
    /// (Vietnamese diacritics removed, <c>đ</c> as <c>d</c>) mapped one to one onto a letter of the target's script:
    /// Cyrillic for <c>uk</c> (with <c>і</c>) and <c>ru</c> (with <c>ы</c>), Thai consonants for <c>th</c>, plain Latin for
    /// <c>ro</c>; other languages keep the letters. Lengths do not change. With <paramref name="html"/>, tags, entities and
    /// <c>notranslate</c> spans are kept as they are; with <paramref name="upperCase"/>, letters are upper-cased first.
    /// </summary>
    /// <param name="text">The source text.</param>
    /// <param name="language">The target language code as requested.</param>
    /// <param name="html">Whether the request said <c>textType=html</c>.</param>
    /// <param name="upperCase">Whether to upper-case the translated text.</param>
    /// <returns>The translation.</returns>
    public static string Scripted(string text, string language, bool html = false, bool upperCase = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        string prefix = "[" + string.Concat(language.Select(c => ToScript(c, language))) + "] ";
        return prefix + Walk(text, html, c => ToScript(upperCase ? char.ToUpperInvariant(c) : c, language));
    }

    /// <summary>The letter <paramref name="c"/> in the script of <paramref name="language"/> (see <see cref="Scripted"/>).</summary>
    /// <param name="c">A character of the source.</param>
    /// <param name="language">The target language code.</param>
    /// <returns>The mapped character; non-letters unchanged.</returns>
    public static char ToScript(char c, string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        char plain = c switch
        {
            'đ' => 'd',
            'Đ' => 'D',
            _ => c.ToString().Normalize(NormalizationForm.FormD)[0],
        };
        string code = language.ToUpperInvariant();
        if (code is not ("UK" or "RU" or "TH" or "RO"))
        {
            return c;
        }

        if (plain is >= '\u0400' and <= '\u04FF')
        {
            // Cyrillic source: letters only one of the two languages has become the other's; for Latin and Thai targets
            // each letter stands for a Latin one.
            bool cyrillicUpper = char.IsUpper(plain);
            char lower = char.ToLowerInvariant(plain);
            char swapped = (code, lower) switch
            {
                ("UK", 'ы') => 'и',
                ("UK", 'э') => 'е',
                ("UK", 'ъ') => 'ь',
                ("UK", 'ё') => 'е',
                ("RU", 'і') => 'и',
                ("RU", 'ї') => 'и',
                ("RU", 'є') => 'е',
                ("RU", 'ґ') => 'г',
                _ => lower,
            };
            if (code is "UK" or "RU")
            {
                return cyrillicUpper ? char.ToUpperInvariant(swapped) : swapped;
            }

            plain = (char)((cyrillicUpper ? 'A' : 'a') + (lower % 26));
        }

        if (!char.IsAsciiLetter(plain))
        {
            return c;
        }

        bool upper = char.IsAsciiLetterUpper(plain);
        int index = char.ToLowerInvariant(plain) - 'a';
        char mapped = code switch
        {
            "UK" => "абцдефгхійклмнопкрстуввхиз"[index],
            "RU" => "абцдефгхийклмнопкрстуввхыз"[index],
            "TH" => (char)('\u0E01' + index),
            _ => char.ToLowerInvariant(plain),
        };
        return upper ? char.ToUpperInvariant(mapped) : mapped;
    }

    /// <summary>Applies <paramref name="translate"/> to every character outside markup, entities and <c>notranslate</c> spans.</summary>
    internal static string Walk(string text, bool html, Func<char, char> translate)
    {
        var translated = new StringBuilder(text.Length);
        int protectedDepth = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int end = !html ? -1 : c switch
            {
                '<' => text.IndexOf('>', i),
                '&' => EntityEnd(text, i),
                _ => -1,
            };
            if (end < 0)
            {
                translated.Append(protectedDepth > 0 ? c : translate(c));
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
