using System.Collections.Immutable;

namespace ArticlePipeline.Translation.Batching;

/// <summary>
/// Packs texts into as few Translator requests as the limits allow, one text per array element, cutting a text that is too
/// long for one request at sentence boundaries, else at whitespace, else anywhere (never inside a surrogate pair).
/// </summary>
/// <remarks>
/// Pure functions, no I/O. Pieces of a cut text are trimmed where they were cut, so the caller joins their translations with a
/// single space. Texts are never joined with a delimiter: that would let the service move words across paragraphs.
/// </remarks>
internal static class TranslationBatcher
{
    /// <summary>Plans the requests for <paramref name="texts"/> translated into <paramref name="targetCount"/> languages.</summary>
    /// <param name="texts">The texts in order; empty and whitespace-only texts are left out.</param>
    /// <param name="targetCount">The number of target languages in every request.</param>
    /// <param name="limits">The service limits.</param>
    /// <returns>The batches in order and the piece count of every text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetCount"/> leaves no room for even one character.</exception>
    public static TranslationPlan Plan(IReadOnlyList<string?> texts, int targetCount, TranslationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        int maxPiece = limits.MaxPieceLength(targetCount);
        if (maxPiece < 2 || limits.MaxElements < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(targetCount), targetCount, $"{targetCount} target languages leave no room in a request of {limits.MaxCharacters} characters.");
        }

        var batches = ImmutableArray.CreateBuilder<ImmutableArray<TextPiece>>();
        var pieceCounts = ImmutableArray.CreateBuilder<int>(texts.Count);
        var current = ImmutableArray.CreateBuilder<TextPiece>();
        long currentCharacters = 0;

        for (int i = 0; i < texts.Count; i++)
        {
            string? text = texts[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                pieceCounts.Add(0);
                continue;
            }

            IReadOnlyList<string> pieces = text.Length <= maxPiece ? [text] : Split(text, maxPiece);
            pieceCounts.Add(pieces.Count);
            for (int p = 0; p < pieces.Count; p++)
            {
                string piece = pieces[p];
                bool full = current.Count >= limits.MaxElements
                    || (currentCharacters + piece.Length) * targetCount > limits.MaxCharacters;
                if (full && current.Count > 0)
                {
                    batches.Add(current.ToImmutable());
                    current.Clear();
                    currentCharacters = 0;
                }

                current.Add(new TextPiece(i, p, piece));
                currentCharacters += piece.Length;
            }
        }

        if (current.Count > 0)
        {
            batches.Add(current.ToImmutable());
        }

        return new TranslationPlan(batches.ToImmutable(), pieceCounts.MoveToImmutable());
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
