using System.Collections.Immutable;

namespace ArticlePipeline.Core.Editions;

/// <summary>Where the translated languages of one article (or a whole pass) came from, and what editions saved.</summary>
/// <param name="Publisher">Languages taken from the publisher's own editions.</param>
/// <param name="Mirror">Languages taken from a mirror's copies.</param>
/// <param name="Machine">Languages the machine translator (or its memory) filled.</param>
/// <param name="CharactersNotBilled">Characters of the original that would have been sent to the translator for the languages editions filled.</param>
/// <param name="Rejected">Editions offered but refused: not this article, the wrong language, or not fetched.</param>
public sealed record EditionStats(int Publisher, int Mirror, int Machine, long CharactersNotBilled, ImmutableArray<RejectedEdition> Rejected)
{
    /// <summary>Nothing came from anywhere.</summary>
    public static EditionStats None { get; } = new(0, 0, 0, 0, []);

    /// <summary>The sum of two counts.</summary>
    /// <param name="a">One.</param>
    /// <param name="b">The other.</param>
    /// <returns>The sum; the rejections of both.</returns>
    public static EditionStats operator +(EditionStats a, EditionStats b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Publisher + b.Publisher, a.Mirror + b.Mirror, a.Machine + b.Machine, a.CharactersNotBilled + b.CharactersNotBilled, a.Rejected.AddRange(b.Rejected));
    }
}

/// <summary>An edition refused for one language of an article; the machine translator fills that language instead.</summary>
/// <param name="Language">The language it was offered for.</param>
/// <param name="Url">The edition's URL.</param>
/// <param name="Reason">Why, in an operator's words (<c>shares 1 of 9 numbers</c>, <c>the page is in en</c>, <c>http-404</c>).</param>
public sealed record RejectedEdition(string Language, Uri Url, string Reason);
