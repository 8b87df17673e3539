using System.Globalization;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Extraction.Dates;

/// <summary>
/// Reads publication dates as Vietnamese pages write them (<c>Thứ Hai, 23/06/2025 07:30</c>,
/// <c>23/06/2025 - 07:30</c>, <c>07:30 23/06/2025</c>, <c>23-6-2025</c>) and as ISO 8601 in meta tags and JSON-LD.
/// A date without a zone is Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
/// </summary>
internal static partial class PublicationDateParser
{
    /// <summary>Vietnam's offset; Asia/Ho_Chi_Minh has had no daylight saving since 1975.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>Parses an ISO 8601 date (meta tags, JSON-LD, <c>time[datetime]</c>).</summary>
    public static DateTimeOffset? ParseIso(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        bool hasZone = IsoZone().IsMatch(text);
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out DateTime parsed))
        {
            return null;
        }

        if (!hasZone)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), VietnamOffset);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset withZone)
            ? withZone
            : null;
    }

    /// <summary>Finds the first day/month/year date (with an optional time before or after it) in free text.</summary>
    public static DateTimeOffset? ParseText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        Match match = DayMonthYear().Match(text);
        if (!match.Success)
        {
            return ParseIso(IsoInText().Match(text).Value);
        }

        int day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        int month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        int year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 100)
        {
            year += 2000;
        }

        int hour = 0, minute = 0;
        Group h = match.Groups["h2"].Success ? match.Groups["h2"] : match.Groups["h1"];
        Group min = match.Groups["n2"].Success ? match.Groups["n2"] : match.Groups["n1"];
        if (h.Success && min.Success)
        {
            hour = int.Parse(h.Value, CultureInfo.InvariantCulture);
            minute = int.Parse(min.Value, CultureInfo.InvariantCulture);
            Group marker = match.Groups["h2"].Success ? match.Groups["ampm2"] : match.Groups["ampm1"];
            if (marker.Success)
            {
                // SA (sáng) is AM, CH (chiều) is PM in Vietnamese.
                bool pm = marker.Value.ToUpperInvariant() is "PM" or "CH";
                hour = hour == 12 ? (pm ? 12 : 0) : (pm ? hour + 12 : hour);
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 2000, month) || hour > 23 || minute > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, 0, VietnamOffset);
    }

    [GeneratedRegex(@"(?:Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoZone();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoInText();

    // Time may come before the date ("07:30 23/06/2025") or after it, separated by spaces, "-", "|" or ",".
    [GeneratedRegex(
        @"(?:(?<h1>\d{1,2})[:hg](?<n1>\d{2})(?:\s*(?<ampm1>SA|CH|AM|PM))?[\s,|\-–]+(?:ngày\s+)?)?(?<!\d)(?<d>\d{1,2})[/.\-](?<m>\d{1,2})[/.\-](?<y>\d{4}|\d{2})(?!\d)(?:[\s,|\-–]+(?:lúc\s+)?(?<h2>\d{1,2})[:hg](?<n2>\d{2})(?:\s*(?<ampm2>SA|CH|AM|PM))?)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();
}
