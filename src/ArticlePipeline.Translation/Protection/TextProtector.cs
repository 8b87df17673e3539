using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Translation.Protection;

/// <summary>
/// Keeps URLs, e-mail addresses, the numbers of quantities, names and glossary terms out of machine translation: such a segment goes to the service
/// as HTML with each span wrapped in <c>&lt;span class=notranslate&gt;</c>, and the translation comes back to plain text.
/// </summary>
/// <remarks>
/// <para>Pure functions, no I/O. The span is written with the unquoted attribute (<c>&lt;span class=notranslate&gt;</c>,
/// 24 + 7 characters) that the service's own recorded exchange <c>TranslateWithNoTranslateTag</c> uses: two characters
/// cheaper per span than the quoted form, and honoured the same way.</para>
/// <para>Billing: the service meters every character of the text, markup included, so a protected segment costs
/// <c>source + 31 × spans + 4 × '&amp;' + 3 × ('&lt;' or '&gt;')</c> characters per target language; exactly
/// <see cref="ToHtml(string)"/>'s length. Segments with nothing to protect travel as plain text and cost their length.</para>
/// <para>Dates (<c>23/6/2025</c>) are left to the translator: each span costs 31 characters per language, and a translator
/// writing <c>23.06.2025</c> or <c>23 июня</c> localizes the date rather than breaking it.</para>
/// <para>A number is protected when a unit follows it; the unit itself is translated (<c>6,5 tấn/ha</c> goes as
/// <c>&lt;span class=notranslate&gt;6,5&lt;/span&gt; tấn/ha</c>, so Ukrainian reads <c>6,5 т/га</c>). Units are a fixed list
/// (metric and currency units in Vietnamese, Russian/Ukrainian, Romanian and Thai spelling, plus <c>hộ</c>, households, and
/// the multipliers <c>nghìn</c>, <c>triệu</c>, <c>tỷ</c>...); a bare number is left to the translator, as a date is.</para>
/// <para>Also protected: the name after a photo credit label (<c>Ảnh: Minh Đức</c>, <c>Tin, ảnh: Thanh Phúc</c>; the label is
/// translated), the article's own names (<see cref="NameMatcher"/>) and glossary terms (<see cref="Glossary.TermGlossary"/>),
/// which come back as each language's rendering.</para>
/// </remarks>
internal static partial class TextProtector
{
    /// <summary>The opening tag of a protected span.</summary>
    public const string SpanStart = "<span class=notranslate>";

    /// <summary>The closing tag of a protected span.</summary>
    public const string SpanEnd = "</span>";

    private static readonly SearchValues<char> HtmlSensitive = SearchValues.Create("&<>\r\n\t");

    private const string Multipliers = "nghìn|ngàn|triệu|tỷ|tỉ|тыс\\.|тис\\.|млн|млрд|mii|milioane|miliarde";

    private const string Units =
        "%|‰|°C|°F|độ C|km²|km2|km/h|km|m²|m³|m2|m3|cm|mm|m|ha|kg|mg|g|tấn|tạ|yến|lít|ml|l|hộ|sào|mẫu|"
        + "đồng|đ|VNĐ|VND|USD|EUR|euro|kWh|MWh|MW|kW|GW|lei|"
        + "км²|км|кг|га|м²|м|т|тонн|тонни|тонны|грн|руб\\.|руб|гривень|рублей|"
        + "บาท|ไร่|กม\\.|กก\\.";

    /// <summary>Finds the spans of <paramref name="text"/> that must not be translated, in order, merged where they overlap
    /// or touch.</summary>
    /// <param name="text">The source segment.</param>
    /// <returns>Start and end (exclusive) of each span.</returns>
    public static IReadOnlyList<(int Start, int End)> FindProtected(string text) => FindProtected(text, null, [], null);

    /// <summary>Finds the spans of <paramref name="text"/> that must not be translated, glossary terms included.</summary>
    /// <param name="text">The source segment.</param>
    /// <param name="glossary">The glossary, if any.</param>
    /// <param name="targets">The request's target languages: a term is protected when each has a rendering for it.</param>
    /// <returns>Start and end (exclusive) of each span.</returns>
    /// <param name="names">The article's names (authors, credits), if any.</param>
    public static IReadOnlyList<(int Start, int End)> FindProtected(
        string text, Glossary.TermGlossary? glossary, IReadOnlyCollection<string> targets, NameMatcher? names)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<(int Start, int End)>();
        if (glossary is not null)
        {
            spans.AddRange(glossary.Find(text, targets));
        }

        if (names is not null)
        {
            spans.AddRange(names.Find(text));
        }

        foreach (Match match in CreditPattern().Matches(text))
        {
            spans.Add((match.Index, match.Index + match.Length));
        }

        foreach (Match match in UrlPattern().Matches(text))
        {
            // Sentence punctuation after a URL belongs to the sentence.
            int end = match.Index + match.Length;
            while (end > match.Index && IsTrailingPunctuation(text[end - 1]))
            {
                end--;
            }

            spans.Add((match.Index, end));
        }

        foreach (Regex pattern in (ReadOnlySpan<Regex>)[EmailPattern(), QuantityPattern()])
        {
            foreach (Match match in pattern.Matches(text))
            {
                spans.Add((match.Index, match.Index + match.Length));
            }
        }

        spans.Sort();
        var merged = new List<(int Start, int End)>(spans.Count);
        foreach ((int start, int end) in spans)
        {
            if (end <= start)
            {
                continue;
            }

            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    /// <summary>How <paramref name="text"/> must travel.</summary>
    /// <param name="text">The source segment.</param>
    /// <returns><see cref="SegmentKind.Protected"/> when it has something to protect; else <see cref="SegmentKind.PlainOnly"/>
    /// when HTML would cost extra or fold whitespace; else <see cref="SegmentKind.Neutral"/>.</returns>
    public static SegmentKind Classify(string text) => Classify(text, null, [], null);

    /// <summary>How <paramref name="text"/> must travel, glossary terms counted as protected.</summary>
    /// <param name="text">The source segment.</param>
    /// <param name="glossary">The glossary, if any.</param>
    /// <param name="targets">The request's target languages.</param>
    /// <param name="names">The article's names, if any.</param>
    /// <returns>As <see cref="Classify(string)"/>.</returns>
    public static SegmentKind Classify(string text, Glossary.TermGlossary? glossary, IReadOnlyCollection<string> targets, NameMatcher? names)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FindProtected(text, glossary, targets, names).Count > 0)
        {
            return SegmentKind.Protected;
        }

        return text.AsSpan().ContainsAny(HtmlSensitive) || text.Contains("  ", StringComparison.Ordinal)
            ? SegmentKind.PlainOnly
            : SegmentKind.Neutral;
    }

    /// <summary>The HTML to send for <paramref name="text"/>: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped, protected spans
    /// wrapped in <see cref="SpanStart"/> … <see cref="SpanEnd"/>.</summary>
    /// <param name="text">The source segment.</param>
    /// <returns>The text as HTML; equal to <paramref name="text"/> when it has nothing to escape or protect.</returns>
    public static string ToHtml(string text) => ToHtml(text, null, [], null);

    /// <summary>The HTML to send for <paramref name="text"/>, glossary terms protected too.</summary>
    /// <param name="text">The source segment.</param>
    /// <param name="glossary">The glossary, if any.</param>
    /// <param name="targets">The request's target languages.</param>
    /// <param name="names">The article's names, if any.</param>
    /// <returns>As <see cref="ToHtml(string)"/>.</returns>
    public static string ToHtml(string text, Glossary.TermGlossary? glossary, IReadOnlyCollection<string> targets, NameMatcher? names)
    {
        IReadOnlyList<(int Start, int End)> spans = FindProtected(text, glossary, targets, names);
        var html = new StringBuilder(text.Length + (spans.Count * (SpanStart.Length + SpanEnd.Length)) + 16);
        int position = 0;
        foreach ((int start, int end) in spans)
        {
            AppendEscaped(html, text.AsSpan(position, start - position));
            html.Append(SpanStart);
            AppendEscaped(html, text.AsSpan(start, end - start));
            html.Append(SpanEnd);
            position = end;
        }

        AppendEscaped(html, text.AsSpan(position));
        return html.ToString();
    }

    /// <summary>Turns a translation of <see cref="ToHtml(string)"/>'s output back into plain text: every tag removed (the
    /// source had none of its own, all its <c>&lt;</c> were escaped), entities decoded.</summary>
    /// <param name="html">The translated HTML.</param>
    /// <returns>Plain text.</returns>
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        string text = html.Contains('<', StringComparison.Ordinal) ? TagPattern().Replace(html, string.Empty) : html;
        return text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text;
    }

    /// <summary>The texts inside the protected spans of <see cref="ToHtml(string)"/>'s output, decoded, in order.</summary>
    /// <param name="html">HTML as sent.</param>
    /// <returns>The protected texts; empty for plain text.</returns>
    public static IReadOnlyList<string> ProtectedTexts(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var texts = new List<string>();
        int start = html.IndexOf(SpanStart, StringComparison.Ordinal);
        while (start >= 0)
        {
            int from = start + SpanStart.Length;
            int end = html.IndexOf(SpanEnd, from, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            texts.Add(WebUtility.HtmlDecode(html[from..end]));
            start = html.IndexOf(SpanStart, end + SpanEnd.Length, StringComparison.Ordinal);
        }

        return texts;
    }

    private static void AppendEscaped(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                _ => html.Append(c),
            };
        }
    }

    private static bool IsTrailingPunctuation(char c) =>
        c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '»' or '”' or '’' or '\'' or '"';

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // A number (1.200 / 6,5 / 2.000.000 / 15) followed by an optional space, an optional multiplier and a unit, an optional
    // "/unit": only the number is matched, the unit words are left to the translator.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:[.,\u00A0\u202F]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?=[ \u00A0]?"
        + "(?:(?:" + Multipliers + ")[ \u00A0](?:" + Units + ")|(?:" + Units + ")|(?:" + Multipliers + "))"
        + @"(?:/\p{L}+[²³]?)?(?![\p{L}\p{N}]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    // The name after a credit label in a caption or at the end of an article ("Ảnh: Minh Đức", "(Ảnh: TTXVN)",
    // "Tin, ảnh: Thanh Phúc"): up to five capitalised words; the label itself is translated.
    [GeneratedRegex(
        @"(?<=(?:^|[\s(\[–—-])(?i:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|đồ họa|đồ hoạ|bài và ảnh|bài, ảnh|tin và ảnh|tin, ảnh|tin ảnh)\s*:\s*)"
        + @"\p{Lu}[\p{L}.]*(?:[  ]\p{Lu}[\p{L}.]*){0,4}",
        RegexOptions.CultureInvariant)]
    private static partial Regex CreditPattern();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
