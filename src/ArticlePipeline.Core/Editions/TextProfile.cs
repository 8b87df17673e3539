namespace ArticlePipeline.Core.Editions;

/// <summary>
/// What one text (a whole article or a run of blocks) offers for comparison with another language's version: its
/// character count, its numbers, its folded words (looked up by the other side) and its Latin-script names.
/// </summary>
internal sealed class TextProfile
{
    private TextProfile(int characters, HashSet<string> numbers, HashSet<string> words, HashSet<string> names)
    {
        Characters = characters;
        Numbers = numbers;
        Words = words;
        Names = names;
    }

    /// <summary>Characters other than whitespace.</summary>
    public int Characters { get; }

    /// <summary>Distinct normalized numbers (<see cref="EditionTokens.AddNumbers"/>).</summary>
    public HashSet<string> Numbers { get; }

    /// <summary>Every distinct word, diacritic-folded and lower-cased.</summary>
    public HashSet<string> Words { get; }

    /// <summary>Distinct Latin-script names and codes, folded (<see cref="EditionTokens.AddNames"/>).</summary>
    public HashSet<string> Names { get; }

    /// <summary>Profiles <paramref name="texts"/> as one text.</summary>
    /// <param name="texts">The segments (title, lead, blocks), each starting a sentence.</param>
    /// <param name="latinText">Whether the whole document is in Latin script (capitalised sentence starts are then ordinary words).</param>
    public static TextProfile Of(IEnumerable<string> texts, bool latinText)
    {
        int characters = 0;
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            characters += EditionTokens.CountCharacters(text);
            EditionTokens.AddNumbers(text, numbers);
            EditionTokens.AddFoldedWords(text, words);
            EditionTokens.AddNames(text, latinText, names);
        }

        return new TextProfile(characters, numbers, words, names);
    }

    /// <summary>The two profiles as one text (for a bead that joins two blocks).</summary>
    public static TextProfile Join(TextProfile first, TextProfile second) =>
        new(
            first.Characters + second.Characters,
            [.. first.Numbers, .. second.Numbers],
            [.. first.Words, .. second.Words],
            [.. first.Names, .. second.Names]);

    /// <summary>The total weight of the numbers both texts contain (<see cref="EditionTokens.NumberWeight"/>).</summary>
    public double SharedNumberWeight(TextProfile other, out int count)
    {
        double weight = 0;
        count = 0;
        foreach (string number in Numbers)
        {
            if (other.Numbers.Contains(number))
            {
                weight += EditionTokens.NumberWeight(number);
                count++;
            }
        }

        return weight;
    }

    /// <summary>How many of this text's names appear as words of <paramref name="source"/>.</summary>
    public int NamesFoundIn(TextProfile source) => Names.Count(source.Words.Contains);
}
