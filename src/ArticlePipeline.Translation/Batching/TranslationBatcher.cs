using System.Collections.Immutable;
using ArticlePipeline.Translation.Client;
using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation.Batching;

/// <summary>
/// Packs texts into as few Translator requests as the limits allow, one text per array element, cutting a text that is too
/// long for one request at sentence boundaries, else at whitespace, else anywhere (never inside a surrogate pair).
/// </summary>
/// <remarks>
/// <para>Pure functions, no I/O. Pieces of a cut text are trimmed where they were cut, so the caller joins their translations
/// with a single space. Texts are never joined with a delimiter: that would let the service move words across paragraphs.</para>
/// <para>Several articles share requests: an article that fits in an empty request never straddles two, so each article up to
/// 12,500 characters (for four targets) costs one request however many short articles travel with it. A request is either
/// plain text or HTML: protected texts go as HTML, texts that HTML would change go as plain text, and the rest follow their
/// article (HTML when it has anything to protect, else plain).</para>
/// </remarks>
internal static class TranslationBatcher
{
    /// <summary>Plans the requests for the plain texts of one article (no protection).</summary>
    /// <param name="texts">The texts in order; empty and whitespace-only texts are left out.</param>
    /// <param name="targetCount">The number of target languages in every request.</param>
    /// <param name="limits">The service limits.</param>
    /// <returns>The batches in order and the piece count of every text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetCount"/> leaves no room for even one character.</exception>
    public static TranslationPlan Plan(IReadOnlyList<string?> texts, int targetCount, TranslationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(texts);
        List<PlannedText> planned = [];
        for (int i = 0; i < texts.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(texts[i]))
            {
                planned.Add(new PlannedText(0, i, texts[i]!, SegmentKind.PlainOnly));
            }
        }

        RequestPlan plan = PlanRequests(planned, targetCount, limits);
        return new TranslationPlan(
            [.. plan.Requests.Select(static r => r.Elements)],
            [.. texts.Select((_, i) => plan.PieceCounts.GetValueOrDefault((0, i)))]);
    }

    /// <summary>Plans the requests for the texts of one or more articles translated into <paramref name="targetCount"/>
    /// languages.</summary>
    /// <param name="texts">The non-blank texts, each article's consecutive and in order.</param>
    /// <param name="targetCount">The number of target languages in every request.</param>
    /// <param name="limits">The service limits.</param>
    /// <returns>The requests, each of one text type, and the piece count of every text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetCount"/> leaves no room for even one character.</exception>
    public static RequestPlan PlanRequests(IReadOnlyList<PlannedText> texts, int targetCount, TranslationLimits limits) =>
        PlanRequests(texts, targetCount, limits, static (_, text) => TextProtector.ToHtml(text));

    /// <summary>Plans the requests, writing HTML elements with <paramref name="toHtml"/> (the glossary's protection).</summary>
    /// <param name="texts">The non-blank texts, each article's consecutive and in order.</param>
    /// <param name="targetCount">The number of target languages in every request.</param>
    /// <param name="limits">The service limits.</param>
    /// <param name="toHtml">Turns a source text of an article (by its index) into protected HTML.</param>
    /// <returns>The requests, each of one text type, and the piece count of every text.</returns>
    public static RequestPlan PlanRequests(IReadOnlyList<PlannedText> texts, int targetCount, TranslationLimits limits, Func<int, string, string> toHtml)
    {
        ArgumentNullException.ThrowIfNull(toHtml);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        int maxPiece = limits.MaxPieceLength(targetCount);
        if (maxPiece < 2 || limits.MaxElements < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(targetCount), targetCount, $"{targetCount} target languages leave no room in a request of {limits.MaxCharacters} characters.");
        }

        var requests = ImmutableArray.CreateBuilder<PlannedRequest>();
        var pieceCounts = ImmutableDictionary.CreateBuilder<(int Article, int SourceIndex), int>();
        OpenRequest[] open = [new(TextType.Plain), new(TextType.Html)];
        int start = 0;
        while (start < texts.Count)
        {
            int article = texts[start].Article;
            int end = start;
            bool hasProtected = false;
            while (end < texts.Count && texts[end].Article == article)
            {
                hasProtected |= texts[end].Kind == SegmentKind.Protected;
                end++;
            }

            foreach (OpenRequest request in open)
            {
                var pieces = new List<TextPiece>();
                for (int k = start; k < end; k++)
                {
                    PlannedText text = texts[k];
                    if (TextTypeOf(text.Kind, hasProtected) != request.TextType)
                    {
                        continue;
                    }

                    IReadOnlyList<string> wire = request.TextType == TextType.Html
                        ? HtmlPieces(text.Text, maxPiece, source => toHtml(article, source))
                        : text.Text.Length <= maxPiece ? [text.Text] : Split(text.Text, maxPiece);
                    pieceCounts[(article, text.SourceIndex)] = wire.Count;
                    for (int p = 0; p < wire.Count; p++)
                    {
                        pieces.Add(new TextPiece(text.SourceIndex, p, wire[p], article));
                    }
                }

                request.AddArticle(pieces, targetCount, limits, requests);
            }

            start = end;
        }

        foreach (OpenRequest request in open)
        {
            request.Flush(requests);
        }

        return new RequestPlan(requests.ToImmutable(), pieceCounts.ToImmutable());
    }

    /// <summary>Cuts <paramref name="text"/> into trimmed pieces of at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="text">The text to cut.</param>
    /// <param name="maxLength">The longest piece allowed (at least 2).</param>
    /// <returns>The non-empty pieces in order; joined with single spaces they give the text back wherever it was cut at
    /// a single space.</returns>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var pieces = new List<string>();
        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        while (rest.Length > maxLength)
        {
            int cut = FindCut(rest, maxLength);
            ReadOnlySpan<char> piece = rest[..cut].TrimEnd();
            if (!piece.IsEmpty)
            {
                pieces.Add(piece.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (!rest.IsEmpty)
        {
            pieces.Add(rest.ToString());
        }

        return pieces;
    }

    /// <summary>Where to end the next piece: after the last sentence end that fits, else at the last whitespace, else hard.</summary>
    private static int FindCut(ReadOnlySpan<char> text, int maxLength)
    {
        // A cut at position c keeps text[..c]; whitespace at the cut is trimmed away, so c may be maxLength itself
        // when text[maxLength] is the whitespace after a sentence.
        // A sentence end in the first half would make needlessly many small pieces; whitespace further on is better.
        for (int c = maxLength; c >= maxLength / 2 && c > 0; c--)
        {
            if (char.IsWhiteSpace(text[c]) && IsSentenceEnd(text[..c]))
            {
                return c;
            }
        }

        for (int c = maxLength; c > 0; c--)
        {
            if (char.IsWhiteSpace(text[c]) && !char.IsWhiteSpace(text[c - 1]))
            {
                return c;
            }
        }

        // No whitespace at all (a URL, CJK or Thai run): cut anywhere, but never between the halves of a surrogate pair.
        return char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
    }

    private static TextType TextTypeOf(SegmentKind kind, bool articleHasProtected) => kind switch
    {
        SegmentKind.Protected => TextType.Html,
        SegmentKind.PlainOnly => TextType.Plain,
        _ => articleHasProtected ? TextType.Html : TextType.Plain,
    };

    /// <summary>The HTML pieces of a text: the whole text when its HTML fits, else pieces cut from the source (so never inside
    /// a tag or an entity) and shortened until each one's HTML fits.</summary>
    private static List<string> HtmlPieces(string text, int maxPiece, Func<string, string> toHtml)
    {
        var pieces = new List<string>();
        AddHtmlPieces(text, maxPiece, pieces, toHtml);
        return pieces;
    }

    private static void AddHtmlPieces(string source, int maxPiece, List<string> pieces, Func<string, string> toHtml)
    {
        string html = toHtml(source);
        if (html.Length <= maxPiece || source.Length <= 2)
        {
            // Two characters are as short as a piece gets; only absurdly small limits reach this with too much markup.
            pieces.Add(html);
            return;
        }

        int shorter = (int)Math.Clamp((long)source.Length * maxPiece / html.Length, 2, source.Length - 1);
        foreach (string piece in Split(source, shorter))
        {
            AddHtmlPieces(piece, maxPiece, pieces, toHtml);
        }
    }

    /// <summary>Whether <paramref name="before"/> ends a sentence: a terminal mark, possibly followed by closing quotes or brackets.</summary>
    private static bool IsSentenceEnd(ReadOnlySpan<char> before)
    {
        int i = before.Length - 1;
        while (i >= 0 && IsCloser(before[i]))
        {
            i--;
        }

        return i >= 0 && IsTerminal(before[i]);
    }

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or '。' or '！' or '？' or '\u0964';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '»' or '”' or '’' or '›';
}
