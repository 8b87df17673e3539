using System.Collections.Frozen;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Normalization;

/// <summary>
/// Identifies the language of an article's text among vi, uk, ru, ro, th, en, fr, de, zh, lo and km, and says
/// <c>und</c> (<see cref="Languages.Undetermined"/>) rather than guess. The script decides first: Thai, Lao and Khmer
/// have blocks of their own, Han ideographs without kana are Chinese. Within Cyrillic, і ї є ґ and words such as
/// <c>що</c>, <c>та</c> mark Ukrainian, ы э ъ ё and <c>что</c>, <c>это</c> Russian. Within Latin, ơ ư đ and the
/// stacked tone marks mark Vietnamese; the others are scored on their letters (ă ș ț; é è ç; ä ö ü ß) and on
/// frequent short function words, and the best must lead the runner-up, and letters no candidate uses, by a margin.
/// </summary>
/// <remarks>One pass over the characters and a dictionary probe per short word: it runs on every page.</remarks>
public static class LanguageDetector
{
    /// <summary>Fewest letters of the main script a text needs to be identified (ideographs excepted).</summary>
    public const int MinimumLetters = 20;

    /// <summary>Fewest Han ideographs a Chinese text needs: each is a syllable, most a word.</summary>
    public const int MinimumIdeographs = 10;

    // Longest word looked up; function words are short.
    private const int MaxWordLength = 12;

    // Word scores weigh twice a distinctive letter: a function word is rarer than an accented letter but surer.
    private const int WordWeight = 2;

    // The winner must score at least this many times the runner-up (or the letters foreign to every candidate).
    private const int Margin = 2;

    // Latin letters within which French, German and Romanian text always shows some of its accented letters.
    private const int LettersExpectedWithin = 300;

    // Indexes of the scored languages in the evidence array.
    private const int En = 0, Fr = 1, De = 2, Ro = 3, Uk = 4, Ru = 5, Foreign = 6, EvidenceCount = 7;

    private static readonly string[] LatinCodes = [Languages.English, Languages.French, Languages.German, Languages.Romanian];

    // Frequent function words that tell the candidates apart; words two of them share (la, de, in, un, a, se) are left out.
    private static readonly FrozenDictionary<string, int> FunctionWords = BuildFunctionWords();

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> WordLookup =
        FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Identifies the language of <paramref name="text"/>.</summary>
    /// <param name="text">Normalized text, ideally a few paragraphs.</param>
    /// <returns>
    /// One of <see cref="Languages.Identified"/>; <see cref="Languages.Undetermined"/> for too little text, mixed
    /// scripts without a clear majority or a text without clear evidence for one language; <see langword="null"/>
    /// when there are no letters at all.
    /// </returns>
    public static string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = default(ScriptCounts);
        Span<int> evidence = stackalloc int[EvidenceCount];
        Span<char> word = stackalloc char[MaxWordLength];
        int wordLength = 0;
        bool wordTooLong = false;
        foreach (char raw in text)
        {
            char c = char.ToLowerInvariant(raw);
            if (!Count(c, ref counts, evidence))
            {
                Flush(word[..wordLength], wordTooLong, evidence);
                wordLength = 0;
                wordTooLong = false;
                continue;
            }

            if (wordLength < MaxWordLength)
            {
                // Romanian is written with either the comma or the cedilla below s and t.
                word[wordLength++] = c switch { 'ş' => 'ș', 'ţ' => 'ț', _ => c };
            }
            else
            {
                wordTooLong = true;
            }
        }

        Flush(word[..wordLength], wordTooLong, evidence);
        return Decide(in counts, evidence);
    }

    private static string? Decide(in ScriptCounts counts, ReadOnlySpan<int> evidence)
    {
        int letters = counts.Latin + counts.Cyrillic + counts.Thai + counts.Lao + counts.Khmer + counts.Han + counts.Kana + counts.Other;
        if (letters == 0)
        {
            return null;
        }

        // Han ideographs and kana are read together: Japanese mixes both, Chinese has no kana.
        int cjk = counts.Han + counts.Kana;
        int main = Math.Max(Math.Max(Math.Max(counts.Latin, counts.Cyrillic), Math.Max(counts.Thai, counts.Lao)), Math.Max(Math.Max(counts.Khmer, cjk), counts.Other));
        if (main * 10 < letters * 6)
        {
            return Languages.Undetermined;
        }

        if (main == cjk)
        {
            return counts.Han >= MinimumIdeographs && counts.Kana * 10 <= counts.Han ? Languages.Chinese : Languages.Undetermined;
        }

        if (main < MinimumLetters || main == counts.Other)
        {
            return Languages.Undetermined;
        }

        if (main == counts.Thai)
        {
            return Languages.Thai;
        }

        if (main == counts.Lao)
        {
            return Languages.Lao;
        }

        if (main == counts.Khmer)
        {
            return Languages.Khmer;
        }

        if (main == counts.Cyrillic)
        {
            return Cyrillic(counts, evidence);
        }

        // Vietnamese letters are frequent (one word in three); Romanian's ă shares a letter with them.
        if (counts.Vietnamese * 50 >= counts.Latin && counts.Vietnamese >= evidence[Ro])
        {
            return Languages.Vietnamese;
        }

        return DecideLatin(in counts, evidence);
    }

    private static string DecideLatin(in ScriptCounts counts, ReadOnlySpan<int> evidence)
    {
        int best = -1, bestScore = 0, runnerUp = evidence[Foreign];
        for (int language = En; language <= Ro; language++)
        {
            int score = evidence[language];
            if (score > bestScore)
            {
                runnerUp = Math.Max(runnerUp, bestScore);
                (best, bestScore) = (language, score);
            }
            else
            {
                runnerUp = Math.Max(runnerUp, score);
            }
        }

        // At least two function words' worth, and a clear lead over the others. French, German and Romanian write
        // their accented letters every few words: a long text without any is not in them (Latin placeholder text).
        bool lettersMissing = counts.Latin >= LettersExpectedWithin && best switch
        {
            Fr => counts.French == 0,
            De => counts.German == 0,
            Ro => counts.Romanian == 0,
            _ => false,
        };
        return best >= 0 && bestScore >= 2 * WordWeight && bestScore >= Margin * runnerUp && !lettersMissing ? LatinCodes[best] : Languages.Undetermined;
    }

    // Counts one lower-case character by script and distinctive letter; whether it is part of a word.
    private static bool Count(char c, ref ScriptCounts counts, Span<int> evidence)
    {
        switch (c)
        {
            case >= 'a' and <= 'z':
                counts.Latin++;
                return true;
            case '\'' or '’':
                return false;
            case >= '\u0E00' and <= '\u0E7F':
                counts.Thai++;
                return true;
            case >= '\u0E80' and <= '\u0EFF':
                counts.Lao++;
                return true;
            case >= '\u1780' and <= '\u17FF' or >= '\u19E0' and <= '\u19FF':
                counts.Khmer++;
                return true;
            case >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF':
                counts.Han++;
                return false;
            case >= '\u3040' and <= '\u30FF':
                counts.Kana++;
                return false;
            case >= '\u0400' and <= '\u04FF':
                counts.Cyrillic++;
                if (c is 'і' or 'ї' or 'є' or 'ґ')
                {
                    evidence[Uk]++;
                }
                else if (c is 'ы' or 'э' or 'ё')
                {
                    evidence[Ru]++;
                }
                else if (c is 'ъ')
                {
                    counts.HardSign++;
                }
                else if (c is 'ў' or 'ђ' or 'ћ' or 'џ' or 'љ' or 'њ' or 'ј' or 'ѓ' or 'ќ' or 'ѕ' or 'ѝ' or
                         'ә' or 'ғ' or 'қ' or 'ң' or 'ө' or 'ұ' or 'ү' or 'һ' or 'ҳ' or 'ҷ' or 'ӣ' or 'ӯ')
                {
                    // Belarusian, Serbian, Macedonian, Bulgarian, Kazakh, Kyrgyz, Mongolian, Tajik: Cyrillic, but not ours.
                    counts.ForeignCyrillic++;
                }

                return true;
            case 'ơ' or 'ư' or 'đ':
                counts.Latin++;
                counts.Vietnamese += 3;
                return true;
            case >= '\u1EA0' and <= '\u1EF9':
                counts.Latin++;
                counts.Vietnamese++;
                return true;
            case 'ă' or 'ș' or 'ț' or 'ş' or 'ţ' or 'â' or 'î':
                counts.Latin++;
                counts.Romanian++;
                evidence[Ro]++;
                return true;
            case 'é' or 'è' or 'ê' or 'ë' or 'ç' or 'à' or 'ù' or 'û' or 'ô' or 'ï' or 'œ':
                counts.Latin++;
                counts.French++;
                evidence[Fr]++;
                return true;
            case 'ä' or 'ö' or 'ü' or 'ß':
                counts.Latin++;
                counts.German++;
                evidence[De]++;
                return true;
            case >= '\u00C0' and <= '\u024F':
                // Latin letters none of en, fr, de, ro writes (ñ á í ó ú ã ø å č š ł ő ...): another Latin language.
                counts.Latin++;
                evidence[Foreign]++;
                return true;
            default:
                if (char.IsLetter(c))
                {
                    counts.Other++;
                    return true;
                }

                return char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
        }
    }

    private static void Flush(ReadOnlySpan<char> word, bool tooLong, Span<int> evidence)
    {
        if (word.Length > 0 && !tooLong && WordLookup.TryGetValue(word, out int language))
        {
            evidence[language] += WordWeight;
        }
    }

    private static FrozenDictionary<string, int> BuildFunctionWords()
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        Add(En, "the and of to is was that with for this from have has had be been by it on at as which were said will not their they he she his its would who after about but or");
        Add(Fr, "le les des est et une du dans pour que qui au aux sur pas il elle ils sont avec ce cette été par ont mais ou où leur son ses nous vous être");
        Add(De, "der die und das ist nicht den dem mit von zu ein eine einen einem einer sich auf für im auch wird werden wurde es sie bei nach aus hat noch über dass sind oder wie nur vor zum zur");
        Add(Ro, "și în că care este pentru cu pe din al ale mai sunt fost să lui după acest această fi dar sau iar prin între ca sa dupa aceasta intre acesta");
        Add(Uk, "та що це як вона вони був була було його але або щоб ще буде чи від також який яка які тільки вже");
        Add(Ru, "что это как он она они был была было его но или чтобы еще будет ли из от также который которые которая только уже");

        // Spanish, Portuguese, Italian and Dutch words that none of the candidates writes: evidence of another language.
        Add(Foreign, "el los las del y por con para una su sus lo como más pero fue os dos em não foi di che della gli nel sono het een van zijn niet op voor met");
        return words.ToFrozenDictionary(StringComparer.Ordinal);

        void Add(int language, string list)
        {
            foreach (string word in list.Split(' '))
            {
                words.Add(word, language);
            }
        }
    }

    /// <summary>
    /// Ukrainian's і is in nearly every sentence, Russian's ы, э, ё nearly as often. Letters of other Cyrillic languages
    /// (Belarusian ў, Serbian ј, Kazakh ә...) or a Bulgarian ъ used as a vowel make it none of ours, and a long text
    /// with no Russian evidence at all is not called Russian; a short one without evidence either way still is.
    /// </summary>
    private static string Cyrillic(ScriptCounts counts, ReadOnlySpan<int> evidence)
    {
        if (counts.ForeignCyrillic * 200 >= counts.Cyrillic)
        {
            return Languages.Undetermined;
        }

        if (evidence[Uk] > evidence[Ru])
        {
            return Languages.Ukrainian;
        }

        bool bulgarianHardSign = counts.HardSign >= 2 && counts.HardSign > evidence[Ru];
        bool longWithoutEvidence = evidence[Ru] == 0 && counts.Cyrillic >= 200;
        return bulgarianHardSign || longWithoutEvidence ? Languages.Undetermined : Languages.Russian;
    }

    // Letters per script, and the distinctive letters of vi (ơ ư đ weigh three), fr, de and ro.
    private struct ScriptCounts
    {
        public int Latin;
        public int Cyrillic;
        public int HardSign;
        public int ForeignCyrillic;
        public int Thai;
        public int Lao;
        public int Khmer;
        public int Han;
        public int Kana;
        public int Other;
        public int Vietnamese;
        public int French;
        public int German;
        public int Romanian;
    }
}
