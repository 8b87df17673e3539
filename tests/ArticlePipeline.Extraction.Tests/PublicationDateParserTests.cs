using ArticlePipeline.Extraction.Dates;

namespace ArticlePipeline.Extraction.Tests;

[TestFixture]
public sealed class PublicationDateParserTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [TestCase("Thứ Hai, 23/06/2025 07:30", 2025, 6, 23, 7, 30)]
    [TestCase("23/06/2025 - 07:30", 2025, 6, 23, 7, 30)]
    [TestCase("Thứ Ba, 24/06/2025 | 15:05", 2025, 6, 24, 15, 5)]
    [TestCase("25-6-2025", 2025, 6, 25, 0, 0)]
    [TestCase("07:30 23/06/2025", 2025, 6, 23, 7, 30)]
    [TestCase("Thứ Năm, ngày 26/06/2025 - 09:45", 2025, 6, 26, 9, 45)]
    [TestCase("27/06/2025 08:15 GMT+7", 2025, 6, 27, 8, 15)]
    [TestCase("Cập nhật lúc 23.06.2025, 7h05", 2025, 6, 23, 7, 5)]
    [TestCase("23/06/2025 lúc 07:30", 2025, 6, 23, 7, 30)]
    [TestCase("23/06/2025 03:15 PM", 2025, 6, 23, 15, 15)]
    [TestCase("1/7/25", 2025, 7, 1, 0, 0)]
    public void ParseText_VietnameseDate_IsVietnamTime(string text, int year, int month, int day, int hour, int minute)
    {
        DateTimeOffset? parsed = PublicationDateParser.ParseText(text);

        Assert.That(parsed, Is.EqualTo(new DateTimeOffset(year, month, day, hour, minute, 0, Vietnam)));
        Assert.That(parsed!.Value.Offset, Is.EqualTo(Vietnam));
    }

    [Test]
    public void ParseText_AfternoonTimeBeforeDate_IsAfternoon()
    {
        Assert.That(PublicationDateParser.ParseText("07:30 PM 23/06/2025"), Is.EqualTo(new DateTimeOffset(2025, 6, 23, 19, 30, 0, Vietnam)));
    }

    [Test]
    public void ParseValue_WithZone_KeepsTheInstantShownInVietnamTime()
    {
        DateTimeOffset? parsed = PublicationDateParser.ParseValue("2025-06-23T07:30:00+02:00");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(2))));
            Assert.That(parsed!.Value.Offset, Is.EqualTo(Vietnam));
        }
    }

    [Test]
    public void ParseValue_Utc_KeepsTheInstantShownInVietnamTime()
    {
        DateTimeOffset? parsed = PublicationDateParser.ParseValue("2025-06-23T00:30:00Z");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 0, 30, 0, TimeSpan.Zero)));
            Assert.That(parsed!.Value.Offset, Is.EqualTo(Vietnam));
        }
    }

    // Issue 11: three silently wrong dates and three missed ones.
    [TestCase("05/06/2025 07:30:00", 2025, 6, 5, 7, 30, 0)]
    [TestCase("Mon, 23 Jun 2025 00:30:00 GMT", 2025, 6, 23, 7, 30, 0)]
    [TestCase("2025-06-23T07:30:00+07", 2025, 6, 23, 7, 30, 0)]
    public void ParseValue_Issue11WrongDates_AreRight(string text, int year, int month, int day, int hour, int minute, int second)
    {
        DateTimeOffset? parsed = PublicationDateParser.ParseValue(text);

        Assert.That(parsed, Is.EqualTo(new DateTimeOffset(year, month, day, hour, minute, second, Vietnam)));
    }

    [TestCase("07:30:45 23/06/2025", 2025, 6, 23, 7, 30, 45)]
    [TestCase("Ngày 5 tháng 3 năm 2024", 2024, 3, 5, 0, 0, 0)]
    [TestCase("Cập nhật: 10:15, 01/02/2025 - Đăng: 08:00, 31/01/2025", 2025, 1, 31, 8, 0, 0)]
    public void ParseText_Issue11MissedDates_AreFound(string text, int year, int month, int day, int hour, int minute, int second)
    {
        Assert.That(PublicationDateParser.ParseText(text), Is.EqualTo(new DateTimeOffset(year, month, day, hour, minute, second, Vietnam)));
    }

    [TestCase("2025-06-23T07:30:00")]
    [TestCase("2025-06-23 07:30")]
    public void ParseValue_WithoutZone_IsVietnamTime(string text)
    {
        DateTimeOffset? parsed = PublicationDateParser.ParseValue(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam)));
            Assert.That(parsed!.Value.Offset, Is.EqualTo(Vietnam));
        }
    }

    [Test]
    public void ParseText_IsoInText_KeepsTheInstant()
    {
        DateTimeOffset? parsed = PublicationDateParser.ParseText("Ngày đăng: 2025-06-23T07:30:00+02:00");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(2))));
            Assert.That(parsed!.Value.Offset, Is.EqualTo(Vietnam));
        }
    }

    [Test]
    public void ParseText_IsoWithoutZoneInText_IsVietnamTime()
    {
        Assert.That(PublicationDateParser.ParseText("2025-06-23T07:30:00"), Is.EqualTo(new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam)));
    }

    [TestCase("31/02/2025")]
    [TestCase("29/02/2025")]
    [TestCase("12/13/2025")]
    [TestCase("00/06/2025")]
    [TestCase("23/06/2025 25:10")]
    [TestCase("Thứ Hai")]
    [TestCase("")]
    [TestCase(null)]
    public void ParseText_InvalidOrMissingDate_IsNull(string? text)
    {
        Assert.That(PublicationDateParser.ParseText(text), Is.Null);
    }

    [Test]
    public void ParseText_LeapDay_IsAccepted()
    {
        Assert.That(PublicationDateParser.ParseText("29/02/2024"), Is.EqualTo(new DateTimeOffset(2024, 2, 29, 0, 0, 0, Vietnam)));
    }

    [TestCase("not a date")]
    [TestCase("2025-02-31T10:00:00")]
    [TestCase("   ")]
    [TestCase(null)]
    public void ParseValue_Invalid_IsNull(string? text)
    {
        Assert.That(PublicationDateParser.ParseValue(text), Is.Null);
    }
}
