using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>The language codes the pipeline reads and writes (ISO 639-1, as Azure Translator names them).</summary>
public static class Languages
{
    /// <summary>Vietnamese, the language of the newspapers we crawl.</summary>
    public const string Vietnamese = "vi";

    /// <summary>Ukrainian.</summary>
    public const string Ukrainian = "uk";

    /// <summary>Russian.</summary>
    public const string Russian = "ru";

    /// <summary>Romanian.</summary>
    public const string Romanian = "ro";

    /// <summary>Thai.</summary>
    public const string Thai = "th";

    /// <summary>English: detected, never a target.</summary>
    public const string English = "en";

    /// <summary>French: detected, never a target.</summary>
    public const string French = "fr";

    /// <summary>German: detected, never a target.</summary>
    public const string German = "de";

    /// <summary>Chinese (Han script): detected, never a target.</summary>
    public const string Chinese = "zh";

    /// <summary>Lao: detected, never a target.</summary>
    public const string Lao = "lo";

    /// <summary>Khmer: detected, never a target.</summary>
    public const string Khmer = "km";

    /// <summary>
    /// Undetermined (ISO 639-2 <c>und</c>): the text has letters but too few, mixed scripts with none in the majority,
    /// or no clear evidence for one language; said instead of a guess. The translator is then left to identify it.
    /// </summary>
    public const string Undetermined = "und";

    /// <summary>The five languages every record carries, in the order records list them.</summary>
    public static ImmutableArray<string> Record { get; } = [Vietnamese, Ukrainian, Russian, Romanian, Thai];

    /// <summary>The languages language identification tells apart: the five record languages, then en, fr, de, zh, lo and km.</summary>
    public static ImmutableArray<string> Identified { get; } = [Vietnamese, Ukrainian, Russian, Romanian, Thai, English, French, German, Chinese, Lao, Khmer];

    /// <summary>Orders language codes as records list them: vi, uk, ru, ro, th, then any other code by name.</summary>
    public static IComparer<string> RecordOrder { get; } = Comparer<string>.Create(static (a, b) =>
    {
        int ia = Rank(a), ib = Rank(b);
        return ia != ib ? ia.CompareTo(ib) : string.CompareOrdinal(a, b);
    });

    /// <summary>Whether <paramref name="code"/> is one of the five record languages.</summary>
    /// <param name="code">A language code.</param>
    /// <returns><see langword="true"/> for vi, uk, ru, ro and th.</returns>
    public static bool IsRecordLanguage(string? code) => code is not null && Record.Contains(code);

    private static int Rank(string code)
    {
        int index = Record.IndexOf(code);
        return index < 0 ? int.MaxValue : index;
    }
}
