using System.Text.RegularExpressions;

namespace ArticlePipeline.Extraction.Boilerplate;

/// <summary>
/// Decides whether one line (plain text) or one block (HTML) is article text or boilerplate.
/// Pure and shared by both extractors, so the seeds' plain text and real pages are judged alike.
/// </summary>
internal sealed partial class BoilerplateClassifier
{
    private readonly BoilerplateLexicon _lexicon;
    private readonly Regex[] _junkPatterns;
    private readonly Regex _byline;
    private readonly Regex _attribution;
    private readonly Regex _source;
    private readonly Regex _photo;
    private readonly Regex _translator;

    /// <summary>Creates a classifier over <paramref name="lexicon"/>.</summary>
    public BoilerplateClassifier(BoilerplateLexicon lexicon)
    {
        _lexicon = lexicon;
        _junkPatterns = lexicon.JunkPatterns
            .Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .ToArray();
        _byline = new Regex(
            "^(?:" + Alternation(lexicon.BylinePrefixes) + @")\s*[:：]\s*(?<name>\S.{0,80})$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _attribution = new Regex(
            "^(?:" + Alternation(lexicon.AttributionPrefixes) + @")\s+(?<name>[\p{Lu}\p{Lo}](?:[^.!?]|\.(?=\S)){0,60})$",
            RegexOptions.CultureInvariant);
        _source = new Regex(
            "^(?:" + Alternation(lexicon.SourcePrefixes) + @")\s*(?:[:：]\s*(?<value>\S.{0,250}?))?\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _photo = Labelled(lexicon.PhotoPrefixes);
        _translator = Labelled(lexicon.TranslatorPrefixes);
    }

    /// <summary>The classifier over the shipped lexicon.</summary>
    public static BoilerplateClassifier Default { get; } = new(BoilerplateLexicon.Default);

    /// <summary>
    /// Whether a junk pattern matches; a line the pattern cannot decide within its timeout (a pathological line, or a
    /// machine so slow that the timeout passes) is not junk: the line is kept as text rather than the page failing.
    /// </summary>
    private static bool IsMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Classifies one normalized line of text.</summary>
    public LineClassification Classify(string line)
    {
        string text = BoilerplateLexicon.FoldRomanian(line.Trim());
        if (text.Length == 0)
        {
            return new(LineKind.Junk);
        }

        string key = BoilerplateLexicon.Key(text);
        if (_lexicon.EndOfArticle.Contains(key))
        {
            return new(LineKind.EndOfArticle);
        }

        if (_lexicon.AfterArticle.Contains(key))
        {
            return new(LineKind.AfterArticle);
        }

        if (_lexicon.JunkLines.Contains(key) || IsCommentCounter(text))
        {
            return new(LineKind.Junk);
        }

        Match caption = CaptionCell().Match(text);
        if (caption.Success)
        {
            return new(LineKind.Caption, caption.Groups["text"].Value.Trim());
        }

        foreach (Regex pattern in _junkPatterns)
        {
            if (IsMatch(pattern, text))
            {
                return new(LineKind.Junk);
            }
        }

        if (text.Length <= 300)
        {
            Match source = _source.Match(text);
            if (source.Success && IsName(source.Groups["value"].Value))
            {
                string value = source.Groups["value"].Value.Trim();
                return new(LineKind.SourceLine, value.Length == 0 ? null : value);
            }

            if (_photo.Match(text) is { Success: true } photo && IsName(photo.Groups["name"].Value))
            {
                return new(LineKind.PhotoCredit, photo.Groups["name"].Value.Trim());
            }

            if (_translator.Match(text) is { Success: true } translator && IsName(translator.Groups["name"].Value))
            {
                return new(LineKind.TranslatorCredit, translator.Groups["name"].Value.Trim());
            }

            Match byline = _byline.Match(text);
            if (byline.Success && !byline.Groups["name"].Value.Contains(". ", StringComparison.Ordinal))
            {
                return new(LineKind.Byline, byline.Groups["name"].Value.Trim());
            }

            Match attribution = _attribution.Match(text);
            if (attribution.Success && text.Length <= 60)
            {
                return new(LineKind.Attribution, attribution.Groups["name"].Value.Trim());
            }

            Match publisher = PublisherDate().Match(text);
            if (publisher.Success)
            {
                return new(LineKind.PublisherDate, Undouble(publisher.Groups["name"].Value.Trim()), publisher.Groups["date"].Value);
            }
        }

        return new(LineKind.Content);
    }

    /// <summary>Whether <paramref name="text"/> is a comment counter such as <c>Комментарий (0)</c>.</summary>
    public bool IsCommentCounter(string text)
    {
        Match match = CounterShape().Match(text.Trim());
        return match.Success && _lexicon.CommentCounters.Contains(BoilerplateLexicon.Key(match.Groups["label"].Value));
    }

    /// <summary>
    /// Removes the doubling a logo's alt text adds in front of a name: <c>Báo An GiangBáo An Giang</c> is <c>Báo An Giang</c>.
    /// </summary>
    public static string Undouble(string name)
    {
        if (name.Length % 2 == 0)
        {
            int half = name.Length / 2;
            if (string.CompareOrdinal(name, 0, name, half, half) == 0)
            {
                return name[..half].Trim();
            }
        }

        return name;
    }

    // "Label: name", the name up to 80 characters.
    private static Regex Labelled(IEnumerable<string> labels) => new(
        "^(?:" + Alternation(labels) + @")\s*[:：]\s*(?<name>\S.{0,80})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // What follows a credit label is a name or a URL, not a sentence ("Nguồn: theo báo cáo, năm nay ... tăng. Tuy nhiên").
    private static bool IsName(string value) => !value.Contains(". ", StringComparison.Ordinal) && value.Count(c => c == ' ') < 10;

    private static string Alternation(IEnumerable<string> phrases) =>
        string.Join('|', phrases.OrderByDescending(p => p.Length).Select(Regex.Escape));

    [GeneratedRegex(@"^(?<label>[^\d()]{2,40}?)\s*[(\[]\s*\d+\s*[)\]]$", RegexOptions.CultureInvariant)]
    private static partial Regex CounterShape();

    [GeneratedRegex(@"^\|\s*(?<text>[^|]*\S[^|]*?)\s*\|$", RegexOptions.CultureInvariant)]
    private static partial Regex CaptionCell();

    [GeneratedRegex(@"^(?<name>[^\d.!?]{2,80}?)\s*(?<date>\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex PublisherDate();
}
