using System.Globalization;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Core.Dates;

/// <summary>
/// The one date parser of the code base, for dates as Vietnamese news sites, their meta tags, JSON-LD, feeds and
/// sitemaps write them. Pure: it reads no clock and never the machine's time zone.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Vietnamese text: day before month (<c>05/06/2025</c> is 5 June), with <c>/ . -</c> between the numbers and a
/// time before or after the date (<c>07:30</c>, <c>07:30:45</c>, <c>7h05</c>, <c>03:15 PM</c>, <c>SA</c>/<c>CH</c>),
/// and in words (<c>Ngày 5 tháng 3 năm 2024</c>); an explicit <c>GMT+7</c> after the time is honoured.</item>
/// <item>ISO 8601: <c>2025-06-23</c>, <c>2025-06-23T07:30:00</c> with <c>Z</c>, <c>+07:00</c>, <c>+0700</c> or
/// <c>+07</c>; year first with <c>/</c> as well.</item>
/// <item>RFC 822/1123 as feeds write them: <c>Mon, 23 Jun 2025 00:30:00 GMT</c>, numeric offsets, <c>UT</c>,
/// <c>UTC</c>, <c>Z</c>, the US zone names (<c>EST</c>, <c>EDT</c>, <c>CST</c>, <c>CDT</c>, <c>MST</c>, <c>MDT</c>,
/// <c>PST</c>, <c>PDT</c>) and <c>ICT</c>; a two-digit year is 19xx from 50 on, else 20xx. An unknown zone name
/// gives no date rather than a guess.</item>
/// </list>
/// A date without a zone is Vietnam time. A date with a zone keeps its instant. Every result is shown in Vietnam
/// time (+07:00): Asia/Ho_Chi_Minh has been UTC+7 with no daylight saving since 1975.
/// </remarks>
public static partial class DateParser
{
    /// <summary>Vietnam's offset from UTC (Asia/Ho_Chi_Minh).</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private const int MinimumYear = 1900;
    private const int MaximumYear = 2200;

    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["june"] = 6, ["july"] = 7,
        ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
    };

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["ICT"] = 7,
    };

    /// <summary>
    /// Parses a feed or sitemap date (<c>pubDate</c>, <c>dc:date</c>, <c>published</c>, <c>updated</c>,
    /// <c>lastmod</c>, <c>news:publication_date</c>): RFC 822/1123 or ISO 8601, and the Vietnamese forms some CMSs
    /// put there.
    /// </summary>
    /// <param name="text">The element's text.</param>
    /// <returns>The date in Vietnam time, or <see langword="null"/> when it is not one.</returns>
    public static DateTimeOffset? ParseFeedDate(string? text) => ParseRfc822(text) ?? ParseValue(text);

    /// <summary>
    /// Parses a whole value that holds one date: a meta tag, JSON-LD <c>datePublished</c>, <c>time[datetime]</c>.
    /// ISO 8601 first, then RFC 1123, then the Vietnamese text forms (day before month).
    /// </summary>
    /// <param name="text">The value.</param>
    /// <returns>The date in Vietnam time, or <see langword="null"/> when it is not one.</returns>
    public static DateTimeOffset? ParseValue(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseIso(text) ?? ParseRfc822(text) ?? ParseText(text);

    /// <summary>Parses an ISO 8601 date or date-time (the whole value).</summary>
    /// <param name="text">The value, e.g. <c>2025-06-23T07:30:00+07</c>.</param>
    /// <returns>The date in Vietnam time, or <see langword="null"/> when it is not one.</returns>
    public static DateTimeOffset? ParseIso(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        Match match = Iso().Match(text.Trim());
        return match.Success ? FromIso(match) : null;
    }

    /// <summary>Parses an RFC 822/1123 date-time (the whole value), as RSS writes them.</summary>
    /// <param name="text">The value, e.g. <c>Mon, 23 Jun 2025 00:30:00 GMT</c>.</param>
    /// <returns>The date in Vietnam time, or <see langword="null"/> when it is not one.</returns>
    public static DateTimeOffset? ParseRfc822(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        Match match = Rfc822().Match(text.Trim());
        if (!match.Success || !Months.TryGetValue(match.Groups["mon"].Value.TrimEnd('.'), out int month))
        {
            return null;
        }

        int year = Number(match, "y");
        if (match.Groups["y"].Value.Length == 2)
        {
            year += year >= 50 ? 1900 : 2000;
        }

        TimeSpan? offset = match.Groups["z"].Success ? Zone(match.Groups["z"].Value) : VietnamOffset;
        return offset is null
            ? null
            : Create(year, month, Number(match, "d"), Number(match, "h"), Number(match, "mi"), Number(match, "s"), offset.Value);
    }

    /// <summary>
    /// Finds the publication date in free text (a date line near the title): the first date not labelled as an
    /// update (<c>Cập nhật</c>, <c>Updated</c>...), or the first update when the text has nothing else.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The date in Vietnam time, or <see langword="null"/> when the text holds none.</returns>
    public static DateTimeOffset? ParseText(string? text) => FindPublished(text)?.Value;

    /// <summary>Like <see cref="ParseText"/>, and says whether the date found is only an update time.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The date found, or <see langword="null"/>.</returns>
    public static FoundDate? FindPublished(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        FoundDate? update = null;
        int labelFrom = 0;
        foreach (Match match in AnyDate().Matches(text))
        {
            DateTimeOffset? date = FromText(match);
            if (date is null)
            {
                continue;
            }

            // The label belongs to the date it precedes: "Đăng: 08:00 31/01 | Cập nhật: 10:15 01/02".
            bool updated = UpdateLabel().IsMatch(text.AsSpan(labelFrom, match.Index - labelFrom));
            labelFrom = match.Index + match.Length;
            if (!updated)
            {
                return new FoundDate(date.Value, false);
            }

            update ??= new FoundDate(date.Value, true);
        }

        return update;
    }

    private static DateTimeOffset? FromText(Match match)
    {
        if (match.Groups["iso"].Success)
        {
            return FromIso(match);
        }

        bool words = match.Groups["wd"].Success;
        int day = Number(match, words ? "wd" : "d");
        int month = Number(match, words ? "wm" : "m");
        int year = Number(match, words ? "wy" : "y");
        if ((words ? match.Groups["wy"] : match.Groups["y"]).Value.Length == 2)
        {
            year += 2000;
        }

        (int hour, int minute, int second) = (0, 0, 0);
        string suffix = match.Groups["h2"].Success ? "2" : "1";
        if (match.Groups["h" + suffix].Success)
        {
            hour = Number(match, "h" + suffix);
            minute = Number(match, "n" + suffix);
            second = Number(match, "s" + suffix);
            Group marker = match.Groups["ampm" + suffix];
            if (marker.Success)
            {
                if (hour is < 1 or > 12)
                {
                    return null;
                }

                // SA (sáng) is AM, CH (chiều) is PM in Vietnamese.
                bool pm = marker.Value.ToUpperInvariant() is "PM" or "CH";
                hour = hour == 12 ? (pm ? 12 : 0) : (pm ? hour + 12 : hour);
            }
        }

        TimeSpan offset = VietnamOffset;
        if (match.Groups["zs"].Success)
        {
            int hours = Number(match, "zh"), minutes = Number(match, "zm");
            if (hours > 14 || minutes > 59)
            {
                return null;
            }

            offset = new TimeSpan(hours, minutes, 0) * (match.Groups["zs"].Value == "-" ? -1 : 1);
        }

        return Create(year, month, day, hour, minute, second, offset);
    }

    private static DateTimeOffset? FromIso(Match match)
    {
        TimeSpan offset = VietnamOffset;
        if (match.Groups["z"].Success)
        {
            if (match.Groups["z"].Value is "Z" or "z")
            {
                offset = TimeSpan.Zero;
            }
            else
            {
                int hours = Number(match, "zh"), minutes = Number(match, "zm");
                if (hours > 14 || minutes > 59)
                {
                    return null;
                }

                offset = new TimeSpan(hours, minutes, 0) * (match.Groups["zs"].Value == "-" ? -1 : 1);
            }
        }

        int millisecond = 0;
        if (match.Groups["f"].Success)
        {
            string fraction = (match.Groups["f"].Value + "000")[..3];
            millisecond = int.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        DateTimeOffset? date = Create(Number(match, "y"), Number(match, "mo"), Number(match, "d"), Number(match, "h"), Number(match, "mi"), Number(match, "s"), offset);
        return date?.AddMilliseconds(millisecond);
    }

    private static TimeSpan? Zone(string zone)
    {
        if (ZoneHours.TryGetValue(zone, out int hours))
        {
            return TimeSpan.FromHours(hours);
        }

        Match numeric = NumericZone().Match(zone);
        if (!numeric.Success)
        {
            return null;
        }

        int h = Number(numeric, "zh"), m = Number(numeric, "zm");
        return h > 14 || m > 59 ? null : new TimeSpan(h, m, 0) * (numeric.Groups["zs"].Value == "-" ? -1 : 1);
    }

    private static DateTimeOffset? Create(int year, int month, int day, int hour, int minute, int second, TimeSpan offset)
    {
        if (year is < MinimumYear or > MaximumYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, offset).ToOffset(VietnamOffset);
    }

    private static int Number(Match match, string group) =>
        match.Groups[group].Success && match.Groups[group].Length > 0
            ? int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

    private const string IsoPattern =
        @"(?<y>[0-9]{4})(?<sep>[-/.])(?<mo>[0-9]{1,2})\k<sep>(?<d>[0-9]{1,2})(?:(?:T|\s+)(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2})(?:[.,](?<f>[0-9]{1,9}))?)?\s*(?<z>[Zz]|(?<zs>[+-])(?<zh>[0-9]{2})(?::?(?<zm>[0-9]{2}))?)?)?";

    [GeneratedRegex("^" + IsoPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(
        @"^(?:[A-Za-z]{2,9}\.?,?\s+)?(?<d>[0-9]{1,2})[\s-]+(?<mon>[A-Za-z]{3,9}\.?)[\s-]+(?<y>[0-9]{4}|[0-9]{2}),?\s+(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?(?:\.[0-9]+)?\s*(?<z>[A-Za-z]{1,5}|(?:GMT|UTC)?[+-][0-9]{1,2}(?::?[0-9]{2})?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"^(?:GMT|UTC)?(?<zs>[+-])(?<zh>[0-9]{1,2})(?::?(?<zm>[0-9]{2}))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumericZone();

    // One date in free text: ISO (year first), day/month/year with an optional time before or after it (the time
    // before may carry seconds), or "ngày 5 tháng 3 năm 2024"; then an optional "GMT+7".
    [GeneratedRegex(
        @"(?:(?<iso>(?<![0-9])" + IsoPattern + @"(?![0-9]))" +
        @"|(?:(?<h1>[0-9]{1,2})[:hg](?<n1>[0-9]{2})(?::(?<s1>[0-9]{2}))?(?:\s*(?<ampm1>SA|CH|AM|PM)\b)?[\s,|\-–]+(?:(?:ngày|ng\.)\s*)?)?(?<![0-9])(?<d>[0-9]{1,2})[/.\-](?<m>[0-9]{1,2})[/.\-](?<y>[0-9]{4}|[0-9]{2})(?![0-9])" +
        @"(?:[\s,|\-–]+(?:lúc\s+)?(?<h2>[0-9]{1,2})(?:[:hg](?<n2>[0-9]{2})|h|g(?=\s|$))(?::(?<s2>[0-9]{2}))?(?:\s*(?<ampm2>SA|CH|AM|PM)\b)?)?" +
        @"|(?:(?<h1>[0-9]{1,2})[:hg](?<n1>[0-9]{2})[\s,|\-–]+)?(?:ngày\s+)?(?<wd>[0-9]{1,2})\s+tháng\s+(?<wm>[0-9]{1,2})(?:\s+năm\s+|\s*[,/]\s*|\s+)(?<wy>[0-9]{4})(?:[\s,|\-–]+(?:lúc\s+)?(?<h2>[0-9]{1,2})(?:[:hg](?<n2>[0-9]{2})|\s*giờ(?:\s*(?<n2>[0-9]{1,2})(?:\s*phút)?)?))?)" +
        @"(?:\s*\(?\s*(?:GMT|UTC)\s*(?<zs>[+-])(?<zh>[0-9]{1,2})(?::?(?<zm>[0-9]{2}))?\s*\)?)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"(?:cập\s*nhật|updated?|sửa\s*đổi|chỉnh\s*sửa|modified|обновлено|actualizat)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UpdateLabel();
}
