using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Boilerplate;

namespace ArticlePipeline.Extraction.Credits;

/// <summary>
/// Tells people from outlets among the names a page credits, by the shape of the name and never by site: an
/// all-caps acronym (<c>TTXVN</c>, <c>AFP</c>), a domain (<c>baodautu.vn</c>), a name opening with an outlet word
/// (<c>Báo Đầu tư</c>, <c>Газета</c>) or a known agency (<c>Reuters</c>). The page's own site (its host, its
/// publisher or <c>og:site_name</c>, in any spelling that folds to the same letters) is neither author nor credit.
/// </summary>
internal static partial class CreditNames
{
    /// <summary>Splits <paramref name="candidates"/> into people and agency credits, and drops the site's own name.</summary>
    /// <param name="candidates">Names found as authors, in order.</param>
    /// <param name="credits">Credits found from labelled lines, in order.</param>
    /// <param name="pageUrl">The page's URL, if known.</param>
    /// <param name="siteNames">The site's own names: its publisher, <c>og:site_name</c>.</param>
    /// <param name="lexicon">The lexicon naming outlet words and agencies.</param>
    /// <returns>The people, and the credits with the outlets that posed as authors.</returns>
    public static (List<string> Authors, List<Credit> Credits) Separate(
        IEnumerable<string> candidates, IEnumerable<Credit> credits, Uri? pageUrl, IEnumerable<string?> siteNames, BoilerplateLexicon lexicon)
    {
        string[] site = SiteKeys(pageUrl, siteNames);
        var authors = new List<string>();
        var sorted = new List<Credit>();
        foreach (string candidate in candidates)
        {
            string name = candidate.Trim();
            if (name.Length == 0 || IsSite(name, site))
            {
                continue;
            }

            if (IsOutlet(name, lexicon))
            {
                AddCredit(sorted, new Credit(name, CreditKind.Agency));
            }
            else if (!authors.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                authors.Add(name);
            }
        }

        foreach (Credit credit in credits)
        {
            // A photo or translator credit names whoever it names; an agency or source that is the site itself is no credit.
            if (credit.Name.Trim().Length > 0 && (credit.Kind is CreditKind.Photo or CreditKind.Translator || !IsSite(credit.Name, site)))
            {
                AddCredit(sorted, credit with { Name = credit.Name.Trim() });
            }
        }

        return (authors, sorted);
    }

    /// <summary>Whether <paramref name="name"/> is shaped like an outlet rather than a person.</summary>
    public static bool IsOutlet(string name, BoilerplateLexicon lexicon)
    {
        string trimmed = name.Trim();
        if (lexicon.StaffDesignations.Contains(BoilerplateLexicon.Key(trimmed)))
        {
            return false;
        }

        if (Acronym().IsMatch(trimmed) || Domain().IsMatch(trimmed) || lexicon.Agencies.Contains(BoilerplateLexicon.Key(trimmed)))
        {
            return true;
        }

        foreach (string word in lexicon.OutletWords)
        {
            if (trimmed.Length > word.Length + 1 && trimmed.StartsWith(word, StringComparison.OrdinalIgnoreCase) && trimmed[word.Length] == ' ')
            {
                return true;
            }
        }

        return false;
    }

    private static void AddCredit(List<Credit> credits, Credit credit)
    {
        if (!credits.Exists(c => c.Kind == credit.Kind && string.Equals(c.Name, credit.Name, StringComparison.OrdinalIgnoreCase)))
        {
            credits.Add(credit);
        }
    }

    private static bool IsSite(string name, string[] site)
    {
        string trimmed = name.Trim();
        string key = Fold(trimmed.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed);
        return key.Length > 0 && Array.IndexOf(site, key) >= 0;
    }

    // The site's names folded: the host without "www." and every shorter domain of it (oe24.at of auto.oe24.at),
    // its labels but the last ("baodautu" of baodautu.vn), and the publisher names ("Báo Đầu tư" folds to "baodautu").
    private static string[] SiteKeys(Uri? pageUrl, IEnumerable<string?> siteNames)
    {
        var keys = new List<string>();
        if (pageUrl is { IsAbsoluteUri: true } && pageUrl.Host.Length > 0)
        {
            string host = pageUrl.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? pageUrl.Host[4..] : pageUrl.Host;
            string[] labels = host.Split('.');
            for (int i = 0; i < labels.Length - 1; i++)
            {
                keys.Add(Fold(string.Join('.', labels[i..])));
                if (labels[i].Length >= 3)
                {
                    keys.Add(Fold(labels[i]));
                }
            }
        }

        foreach (string? name in siteNames)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                keys.Add(Fold(name));
            }
        }

        return [.. keys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    // Lower-case letters and digits without diacritics: "Báo Đầu tư" and "baodautu" fold alike.
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (c is 'đ' or 'Đ')
            {
                folded.Append('d');
            }
            else if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c is not (' ' or '.' or '-' or '_'))
            {
                // Any other character (a bracket, a slash) keeps names apart.
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    // TTXVN, AFP, VOV, HTV7: three or more capitals (and digits after the first), as agencies abbreviate themselves.
    // Two capitals are more often a person's initials (AP is in the lexicon's agencies).
    [GeneratedRegex(@"^\p{Lu}[\p{Lu}\d]{2,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex Acronym();

    // baodautu.vn, VnExpress.net, Chinhphu.vn: a domain name, ending with a country code or a common generic
    // top-level domain (not "edilson.la.rosa", a user name).
    [GeneratedRegex(@"^(?:www\.)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:[a-zA-Z]{2}|com|net|org|info|biz|gov|edu|news|online|media|press|site)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Domain();
}
