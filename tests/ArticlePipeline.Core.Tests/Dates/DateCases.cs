namespace ArticlePipeline.Core.Tests.Dates;

/// <summary>Dates as sites, meta tags, JSON-LD and feeds write them, with the instant each one means (UTC).</summary>
internal static class DateCases
{
    /// <summary>Whole values (meta tags, JSON-LD, feeds, sitemaps): text, then the instant in UTC as ISO.</summary>
    public static readonly TestCaseData[] Values =
    [
        Case("05/06/2025 07:30:00", "2025-06-05T00:30:00Z", "day before month: 5 June (issue 11)"),
        Case("Mon, 23 Jun 2025 00:30:00 GMT", "2025-06-23T00:30:00Z", "GMT is kept (issue 11)"),
        Case("2025-06-23T07:30:00+07", "2025-06-23T00:30:00Z", "hour-only offset (issue 11)"),
        Case("2025-06-23T07:30:00+0700", "2025-06-23T00:30:00Z", "offset without colon"),
        Case("2025-06-23T07:30:00.123+07:00", "2025-06-23T00:30:00.123Z", "fraction"),
        Case("2025-06-23T00:30:00Z", "2025-06-23T00:30:00Z", "Z"),
        Case("2025-06-22T20:30:00-04:00", "2025-06-23T00:30:00Z", "a negative offset"),
        Case("2025-06-23T07:30:00", "2025-06-23T00:30:00Z", "no zone is Vietnam time"),
        Case("2025-06-23 07:30", "2025-06-23T00:30:00Z", "a space instead of T"),
        Case("2025-06-23", "2025-06-22T17:00:00Z", "a date alone is midnight in Vietnam"),
        Case("2025/06/23 07:30", "2025-06-23T00:30:00Z", "year first with slashes"),
        Case("Mon, 23 Jun 2025 00:30:00 +0000", "2025-06-23T00:30:00Z", "RFC 822 numeric offset"),
        Case("Mon, 23 Jun 2025 07:30:00 +0700", "2025-06-23T00:30:00Z", "RFC 822 Vietnam offset"),
        Case("Mon, 23 Jun 2025 00:30:00 UT", "2025-06-23T00:30:00Z", "UT"),
        Case("Mon, 23 Jun 2025 00:30:00 UTC", "2025-06-23T00:30:00Z", "UTC"),
        Case("Mon, 23 Jun 2025 00:30:00 Z", "2025-06-23T00:30:00Z", "military Z"),
        Case("Sun, 22 Jun 2025 20:30:00 EDT", "2025-06-23T00:30:00Z", "EDT"),
        Case("Sun, 22 Jun 2025 19:30:00 EST", "2025-06-23T00:30:00Z", "EST"),
        Case("Sun, 22 Jun 2025 17:30:00 PDT", "2025-06-23T00:30:00Z", "PDT"),
        Case("Sun, 22 Jun 2025 16:30:00 PST", "2025-06-23T00:30:00Z", "PST"),
        Case("Sun, 22 Jun 2025 19:30:00 CDT", "2025-06-23T00:30:00Z", "CDT"),
        Case("Sun, 22 Jun 2025 18:30:00 MDT", "2025-06-23T00:30:00Z", "MDT"),
        Case("Mon, 23 Jun 2025 07:30:00 ICT", "2025-06-23T00:30:00Z", "ICT (Indochina time)"),
        Case("Mon, 23 Jun 2025 07:30:00 GMT+7", "2025-06-23T00:30:00Z", "GMT+7"),
        Case("Mon, 23 Jun 25 00:30:00 GMT", "2025-06-23T00:30:00Z", "two-digit year"),
        Case("23 Jun 2025 00:30 GMT", "2025-06-23T00:30:00Z", "no weekday, no seconds"),
        Case("Monday, 23 June 2025 00:30:00 GMT", "2025-06-23T00:30:00Z", "full names"),
        Case("Mon, 23 Jun 2025 07:30:00", "2025-06-23T00:30:00Z", "RFC without a zone is Vietnam time"),
        Case("23/06/2025 07:30:00", "2025-06-23T00:30:00Z", "Vietnamese CMS pubDate"),
        Case("Thứ Hai, 23/06/2025 07:30", "2025-06-23T00:30:00Z", "Vietnamese weekday"),
    ];

    /// <summary>Values that are not dates (or not real ones).</summary>
    public static readonly string?[] NotDates =
    [
        null, "", "   ", "not a date", "2025-02-31T10:00:00", "2025-06-23T25:00:00", "2025-06-23T07:30:00+15:00", "Mon, 31 Jun 2025 00:30:00 GMT",
        "Mon, 23 Jun 2025 00:30:00 XYZ", "Mon, 23 Foo 2025 00:30:00 GMT", "31/02/2025", "12/13/2025", "0000-01-01", "١٢/٠٦/٢٠٢٥",
    ];

    /// <summary>Free text near a title: text, then the instant in UTC as ISO.</summary>
    public static readonly TestCaseData[] Texts =
    [
        Case("07:30:45 23/06/2025", "2025-06-23T00:30:45Z", "time first with seconds (issue 11)"),
        Case("Ngày 5 tháng 3 năm 2024", "2024-03-04T17:00:00Z", "in words (issue 11)"),
        Case("Cập nhật: 10:15, 01/02/2025 - Đăng lúc 08:00, 31/01/2025", "2025-01-31T01:00:00Z", "the publication, not the update (issue 11)"),
        Case("Đăng: 08:00, 31/01/2025 | Cập nhật: 10:15, 01/02/2025", "2025-01-31T01:00:00Z", "update after the publication"),
        Case("Cập nhật lúc 23.06.2025, 7h05", "2025-06-23T00:05:00Z", "only an update: it is all there is"),
        Case("Thứ Hai, 23/06/2025 07:30", "2025-06-23T00:30:00Z", "weekday, date, time"),
        Case("23/06/2025 - 07:30", "2025-06-23T00:30:00Z", "dash"),
        Case("Thứ Ba, 24/06/2025 | 15:05", "2025-06-24T08:05:00Z", "bar"),
        Case("25-6-2025", "2025-06-24T17:00:00Z", "dashes, one-digit month"),
        Case("07:30 23/06/2025", "2025-06-23T00:30:00Z", "time first"),
        Case("Thứ Năm, ngày 26/06/2025 - 09:45", "2025-06-26T02:45:00Z", "ngày"),
        Case("27/06/2025 08:15 GMT+7", "2025-06-27T01:15:00Z", "GMT+7"),
        Case("27/06/2025 08:15 (GMT+2)", "2025-06-27T06:15:00Z", "another offset is honoured"),
        Case("23/06/2025 lúc 07:30", "2025-06-23T00:30:00Z", "lúc"),
        Case("23/06/2025 03:15 PM", "2025-06-23T08:15:00Z", "PM"),
        Case("07:30 PM 23/06/2025", "2025-06-23T12:30:00Z", "PM before the date"),
        Case("08:00 SA 23/06/2025", "2025-06-23T01:00:00Z", "SA (sáng)"),
        Case("1/7/25", "2025-06-30T17:00:00Z", "short year"),
        Case("Thứ Bảy, 5 tháng 3, 2024 lúc 7 giờ 30", "2024-03-05T00:30:00Z", "in words with giờ"),
        Case("Ngày đăng: 2025-06-23T07:30:00+02:00", "2025-06-23T05:30:00Z", "ISO in text keeps its offset"),
        Case("29/02/2024", "2024-02-28T17:00:00Z", "leap day"),
    ];

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.ParseExact(iso, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static TestCaseData Case(string text, string utc, string why) => new TestCaseData(text, utc).SetArgDisplayNames(why);
}
