using System.Globalization;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>
/// Decides whether a page in another language (an hreflang alternate, a mirror's localized page) is a translation of
/// an article, so a wrong link, a section page or another story never becomes the article's edition. Pure.
/// </summary>
/// <remarks>
/// <para>
/// Translations keep what no translator changes: numbers (amounts, percentages, dates however spelled) and names in
/// Latin script (<c>VNeID</c>, <c>Zalo OA</c>, <c>Thanh Phuc</c> for <c>Thanh Phúc</c>). The check weighs four kinds of
/// evidence:
/// </para>
/// <list type="bullet">
/// <item><description>
/// Shared numbers, each weighted by what it says (<see cref="EditionTokens.NumberWeight"/>: a year or a small number
/// says little, <c>1250000</c> a lot), over the weight of the side with fewer numbers, so a summary that keeps half the
/// paragraphs is not punished for the numbers it left out.
/// </description></item>
/// <item><description>
/// Latin-script names of the edition found among the source's words, diacritic-folded. In a Latin-script edition
/// ordinary capitalised words of that language (a Romanian <c>Poliția</c>) are misses that prove nothing, so there the
/// fraction counts double and the evidence half.
/// </description></item>
/// <item><description>
/// The length ratio: a translation runs about <see cref="TypicalMinRatio"/> to <see cref="TypicalMaxRatio"/> of the
/// source; outside <see cref="MinRatio"/>–<see cref="MaxRatio"/> the page is rejected outright (a listing page, a
/// teaser, a page that holds several articles).
/// </description></item>
/// <item><description>Publication times more than <see cref="MaxDaysApart"/> days apart reject the page outright.</description></item>
/// </list>
/// <para>
/// Numbers and names (numbers counting double, since names repeat across one topic and numbers belong to one article)
/// pull the confidence from a prior of <see cref="LinkPrior"/> (the link itself claims a
/// translation) towards their own score, as far as there is enough of them to be believed; the length and date
/// factors then scale it. A short text with no numbers or names is therefore decided by its length, at a modest
/// confidence.
/// </para>
/// </remarks>
public static class EditionCheck
{
    /// <summary>The lowest confidence at which a page is accepted.</summary>
    public const double AcceptThreshold = 0.5;

    /// <summary>Below this length ratio the page is rejected outright.</summary>
    public const double MinRatio = 0.3;

    /// <summary>Above this length ratio the page is rejected outright.</summary>
    public const double MaxRatio = 3.0;

    /// <summary>The shortest usual translation, relative to the source; shorter costs confidence.</summary>
    public const double TypicalMinRatio = 0.6;

    /// <summary>The longest usual translation, relative to the source; longer costs confidence.</summary>
    public const double TypicalMaxRatio = 1.8;

    /// <summary>Publication times further apart than this many days reject the page outright.</summary>
    public const double MaxDaysApart = 30;

    /// <summary>The confidence the link alone earns, before any evidence.</summary>
    public const double LinkPrior = 0.6;

    /// <summary>The highest confidence reported for a page rejected outright (by length or date).</summary>
    public const double OutrightRejectionCap = 0.25;

    // Publication this close together costs nothing; between this and MaxDaysApart the confidence falls to 0.8.
    private const double FreeDaysApart = 7;

    // Evidence reliability w / (w + k): about 1.5 weight units (two strong numbers) make number evidence 57 % believed.
    private const double NumberHalfWeight = 1.5;
    private const double NameHalfCount = 2;
    private const double LatinNameHalfCount = 3;
    private const double NumberPrecedence = 2;

    /// <summary>Checks whether <paramref name="edition"/> is a translation of <paramref name="source"/>.</summary>
    /// <param name="source">The original article.</param>
    /// <param name="sourcePublished">When the original was published, if known.</param>
    /// <param name="edition">The page claimed to be its translation.</param>
    /// <param name="editionLanguage">The edition's language (ISO 639-1), named in the reason.</param>
    /// <param name="editionPublished">When the edition was published, if known.</param>
    /// <returns>The verdict with its confidence, the reason for a rejection and the evidence.</returns>
    public static EditionVerdict Check(
        LanguageContent source,
        DateTimeOffset? sourcePublished,
        LanguageContent edition,
        string editionLanguage,
        DateTimeOffset? editionPublished)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(editionLanguage);

        bool latinEdition = EditionTokens.IsMostlyLatin(EditionTokens.Segments(edition));
        TextProfile src = TextProfile.Of(EditionTokens.Segments(source), EditionTokens.IsMostlyLatin(EditionTokens.Segments(source)));
        TextProfile ed = TextProfile.Of(EditionTokens.Segments(edition), latinEdition);

        double ratio = ed.Characters / (double)Math.Max(src.Characters, 1);
        double sharedNumberWeight = ed.SharedNumberWeight(src, out int sharedNumbers);
        int sharedNames = ed.NamesFoundIn(src);
        double? daysApart = sourcePublished is { } s && editionPublished is { } e ? Math.Abs((e - s).TotalDays) : null;
        var evidence = new EditionEvidence(ratio, src.Numbers.Count, ed.Numbers.Count, sharedNumbers, ed.Names.Count, sharedNames, daysApart);
        string page = string.IsNullOrWhiteSpace(editionLanguage) ? "the page" : $"the {editionLanguage} page";

        if (ed.Characters == 0)
        {
            return new EditionVerdict(false, 0, $"{page} has no text", evidence);
        }

        // Numbers: shared weight over the lighter side; when one side has none, half the other's weight still counts
        // as (negative) evidence, since a translation keeps its numbers.
        double sourceWeight = EditionTokens.Weight(src.Numbers);
        double editionWeight = EditionTokens.Weight(ed.Numbers);
        double numberBasis = sourceWeight > 0 && editionWeight > 0
            ? Math.Min(sourceWeight, editionWeight)
            : 0.5 * Math.Max(sourceWeight, editionWeight);
        double numberScore = sourceWeight > 0 && editionWeight > 0 ? Math.Min(1, sharedNumberWeight / numberBasis) : 0;
        double numberReliability = numberBasis / (numberBasis + NumberHalfWeight);

        double nameScore = 0;
        double nameReliability = 0;
        if (ed.Names.Count > 0)
        {
            double found = sharedNames / (double)ed.Names.Count;
            nameScore = latinEdition ? Math.Min(1, 2 * found) : found;
            nameReliability = latinEdition
                ? 0.5 * ed.Names.Count / (ed.Names.Count + LatinNameHalfCount)
                : ed.Names.Count / (ed.Names.Count + NameHalfCount);
        }

        double evidenceWeight = 1 - ((1 - numberReliability) * (1 - nameReliability));
        // Numbers count double against names when both speak: names repeat across one topic (the agency, the app),
        // numbers belong to one article.
        double evidenceScore = numberReliability + nameReliability > 0
            ? ((NumberPrecedence * numberReliability * numberScore) + (nameReliability * nameScore)) / ((NumberPrecedence * numberReliability) + nameReliability)
            : 0;
        double content = ((1 - evidenceWeight) * LinkPrior) + (evidenceWeight * evidenceScore);
        double lengthFactor = LengthFactor(ratio);
        double dateFactor = daysApart is { } d && d > FreeDaysApart ? 1 - (0.2 * Math.Min(1, (d - FreeDaysApart) / (MaxDaysApart - FreeDaysApart))) : 1;
        double confidence = Math.Clamp(content * lengthFactor * dateFactor, 0, 1);

        if (ratio < MinRatio || ratio > MaxRatio)
        {
            return new EditionVerdict(false, Math.Min(confidence, OutrightRejectionCap), $"length ratio {Format(ratio)}", evidence);
        }

        if (daysApart > MaxDaysApart)
        {
            string days = Math.Round(daysApart.Value).ToString("0", CultureInfo.InvariantCulture);
            return new EditionVerdict(false, Math.Min(confidence, OutrightRejectionCap), $"published {days} days apart", evidence);
        }

        if (confidence >= AcceptThreshold)
        {
            return new EditionVerdict(true, confidence, null, evidence);
        }

        var reasons = new List<string>();
        if (numberReliability >= 0.3 && numberScore < 0.5)
        {
            reasons.Add(
                src.Numbers.Count == 0 ? $"the article has no numbers, {page} has {ed.Numbers.Count}"
                : ed.Numbers.Count == 0 ? $"{page} has none of the article's {src.Numbers.Count} numbers"
                : $"shares {sharedNumbers} of {(sourceWeight <= editionWeight ? src.Numbers.Count : ed.Numbers.Count)} numbers");
        }

        if (nameReliability >= 0.2 && nameScore < 0.5)
        {
            reasons.Add($"shares {sharedNames} of {ed.Names.Count} Latin-script names");
        }

        if (lengthFactor < 1 || reasons.Count == 0)
        {
            reasons.Add($"length ratio {Format(ratio)}");
        }

        if (evidenceWeight < 0.2)
        {
            reasons.Add("too few numbers or names to compare");
        }

        return new EditionVerdict(false, confidence, $"{string.Join("; ", reasons)} (confidence {Format(confidence)})", evidence);
    }

    /// <summary>1 inside the typical range; falls (on a log scale) to 0.5 at the outright limits.</summary>
    private static double LengthFactor(double ratio)
    {
        if (ratio < TypicalMinRatio)
        {
            return 1 - (0.5 * Math.Min(1, Math.Log(TypicalMinRatio / ratio) / Math.Log(TypicalMinRatio / MinRatio)));
        }

        if (ratio > TypicalMaxRatio)
        {
            return 1 - (0.5 * Math.Min(1, Math.Log(ratio / TypicalMaxRatio) / Math.Log(MaxRatio / TypicalMaxRatio)));
        }

        return 1;
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
