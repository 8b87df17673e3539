using System.Net;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// The registrable domain (eTLD+1) of a host: the part one owner controls, such as <c>baoangiang.com.vn</c> for
/// <c>www.baoangiang.com.vn</c>. Pure.
/// </summary>
/// <remarks>
/// No Public Suffix List package is on our NuGet mirror, so this reads a compact table of its own: every
/// second-level suffix of <c>.vn</c> (including the 63 province suffixes such as <c>angiang.vn</c>), the common
/// second-level suffixes of the countries our languages come from and of the big English-speaking ones, and the
/// hosting platforms where strangers share one domain (<c>github.io</c>, <c>blogspot.com</c>...). For a two-letter
/// country code that is not in the table, a second level that is a generic word (<c>com</c>, <c>co</c>, <c>org</c>,
/// <c>gov</c>...) is taken as part of the suffix. Any other host falls back to the last label: its owner is the
/// last two labels. The errors this can make err towards "another owner", which costs a duplicate record, not a
/// lost one. An IP address, <c>localhost</c> or another single-label host is its own registrable domain.
/// </remarks>
public static class RegistrableDomain
{
    private static readonly HashSet<string> GenericSecondLevels = new(StringComparer.Ordinal)
    {
        "ac", "biz", "co", "com", "edu", "go", "gob", "gov", "gv", "info", "int", "mil", "ne", "net", "nic", "nom", "or", "org", "sch",
    };

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        // Vietnam: the generic second levels and the province suffixes (public since 2023).
        "ac.vn", "ai.vn", "biz.vn", "com.vn", "edu.vn", "gov.vn", "health.vn", "id.vn", "info.vn", "int.vn", "io.vn", "name.vn",
        "net.vn", "org.vn", "pro.vn",
        "angiang.vn", "bacgiang.vn", "backan.vn", "baclieu.vn", "bacninh.vn", "baria-vungtau.vn", "bentre.vn", "binhdinh.vn",
        "binhduong.vn", "binhphuoc.vn", "binhthuan.vn", "camau.vn", "cantho.vn", "caobang.vn", "daklak.vn", "daknong.vn",
        "danang.vn", "dienbien.vn", "dongnai.vn", "dongthap.vn", "gialai.vn", "hagiang.vn", "haiduong.vn", "haiphong.vn",
        "hanam.vn", "hanoi.vn", "hatinh.vn", "haugiang.vn", "hoabinh.vn", "hungyen.vn", "khanhhoa.vn", "kiengiang.vn",
        "kontum.vn", "laichau.vn", "lamdong.vn", "langson.vn", "laocai.vn", "longan.vn", "namdinh.vn", "nghean.vn",
        "ninhbinh.vn", "ninhthuan.vn", "phutho.vn", "phuyen.vn", "quangbinh.vn", "quangnam.vn", "quangngai.vn",
        "quangninh.vn", "quangtri.vn", "soctrang.vn", "sonla.vn", "tayninh.vn", "thaibinh.vn", "thainguyen.vn",
        "thanhhoa.vn", "thanhphohochiminh.vn", "thuathienhue.vn", "tiengiang.vn", "travinh.vn", "tuyenquang.vn",
        "vinhlong.vn", "vinhphuc.vn", "yenbai.vn",

        // Ukraine, Russia, Romania, Thailand: second levels that are not generic words.
        "kiev.ua", "kyiv.ua", "in.ua", "odesa.ua", "lviv.ua", "kharkiv.ua", "dp.ua", "msk.ru", "spb.ru",
        "arts.ro", "firm.ro", "nt.ro", "rec.ro", "store.ro", "tm.ro", "www.ro", "in.th", "mi.th",

        // Elsewhere: second levels that are not generic words.
        "ltd.uk", "me.uk", "nhs.uk", "plc.uk", "police.uk", "asn.au", "id.au", "lg.jp", "ad.jp", "ed.jp", "gr.jp",
        "k12.ca.us", "gen.nz", "school.nz", "govt.nz",

        // Hosting platforms where unrelated sites share one domain.
        "appspot.com", "azurewebsites.net", "blogspot.com", "blogspot.com.vn", "cloudfront.net", "firebaseapp.com", "github.io", "gitlab.io",
        "herokuapp.com", "netlify.app", "pages.dev", "vercel.app", "web.app", "workers.dev", "wixsite.com",
        "s3.amazonaws.com", "translate.goog",
    };

    /// <summary>The registrable domain of <paramref name="host"/>.</summary>
    /// <param name="host">A host name (in any case, Unicode or punycode, with or without a trailing dot) or an IP address.</param>
    /// <returns>
    /// The registrable domain in lower case and punycode; the host itself for an IP address, a single label, or a
    /// host that is a public suffix.
    /// </returns>
    public static string Of(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string name = Normalize(host);
        if (name.Length == 0 || IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            return name;
        }

        string[] labels = name.Split('.');
        int suffixLabels = SuffixLength(labels);
        return labels.Length <= suffixLabels ? name : string.Join('.', labels[^(suffixLabels + 1)..]);
    }

    /// <summary>Whether two hosts belong to the same registrable domain.</summary>
    /// <param name="first">A host.</param>
    /// <param name="second">Another host.</param>
    /// <returns><see langword="true"/> when <see cref="Of"/> gives the same domain for both.</returns>
    public static bool Same(string first, string second) => string.Equals(Of(first), Of(second), StringComparison.Ordinal);

    private static int SuffixLength(string[] labels)
    {
        // The longest listed suffix wins (blogspot.com.vn over com.vn).
        for (int length = Math.Min(3, labels.Length); length >= 2; length--)
        {
            if (Suffixes.Contains(string.Join('.', labels[^length..])))
            {
                return length;
            }
        }

        return labels.Length >= 2 && labels[^1].Length == 2 && GenericSecondLevels.Contains(labels[^2]) ? 2 : 1;
    }

    private static string Normalize(string host)
    {
        string trimmed = host.Trim().TrimEnd('.');
        if (trimmed.Length == 0 || trimmed.StartsWith('['))
        {
            return trimmed.ToLowerInvariant();
        }

        try
        {
            return new System.Globalization.IdnMapping().GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            // Not a valid international name: compare it as written.
            return trimmed.ToLowerInvariant();
        }
    }
}
