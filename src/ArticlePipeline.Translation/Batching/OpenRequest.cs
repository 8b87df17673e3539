using System.Collections.Immutable;
using ArticlePipeline.Translation.Client;

namespace ArticlePipeline.Translation.Batching;

/// <summary>The request of one text type that <see cref="TranslationBatcher"/> is filling.</summary>
/// <param name="textType">The text type of every request this one becomes.</param>
internal sealed class OpenRequest(TextType textType)
{
    private readonly List<TextPiece> _elements = [];
    private long _characters;

    /// <summary>The text type of the request.</summary>
    public TextType TextType { get; } = textType;

    /// <summary>Adds the elements of one article: in a fresh request when they would fit an empty one but not this one, so a
    /// short article never straddles two requests; piece by piece otherwise.</summary>
    /// <param name="pieces">The article's elements of this text type, in order.</param>
    /// <param name="targetCount">The number of target languages.</param>
    /// <param name="limits">The service limits.</param>
    /// <param name="requests">Where full requests go.</param>
    public void AddArticle(
        List<TextPiece> pieces, int targetCount, TranslationLimits limits, ImmutableArray<PlannedRequest>.Builder requests)
    {
        if (pieces.Count == 0)
        {
            return;
        }

        long total = pieces.Sum(static p => (long)p.Text.Length);
        bool fitsEmpty = pieces.Count <= limits.MaxElements && total * targetCount <= limits.MaxCharacters;
        if (fitsEmpty && !Fits(pieces.Count, total, targetCount, limits))
        {
            Flush(requests);
        }

        foreach (TextPiece piece in pieces)
        {
            if (!Fits(1, piece.Text.Length, targetCount, limits))
            {
                Flush(requests);
            }

            _elements.Add(piece);
            _characters += piece.Text.Length;
        }
    }

    /// <summary>Emits the request being filled, if it has any element, and starts an empty one.</summary>
    /// <param name="requests">Where the request goes.</param>
    public void Flush(ImmutableArray<PlannedRequest>.Builder requests)
    {
        if (_elements.Count == 0)
        {
            return;
        }

        requests.Add(new PlannedRequest(TextType, [.. _elements]));
        _elements.Clear();
        _characters = 0;
    }

    private bool Fits(int elements, long characters, int targetCount, TranslationLimits limits) =>
        _elements.Count + elements <= limits.MaxElements && (_characters + characters) * targetCount <= limits.MaxCharacters;
}
