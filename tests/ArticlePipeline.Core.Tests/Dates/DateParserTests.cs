using ArticlePipeline.Core.Dates;

namespace ArticlePipeline.Core.Tests.Dates;

[TestFixture]
public sealed class DateParserTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [TestCaseSource(typeof(DateCases), nameof(DateCases.Values))]
    public void ParseValue_MetaOrJsonLdValue_IsTheInstantShownInVietnamTime(string text, string utc)
    {
        DateTimeOffset? parsed = DateParser.ParseValue(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(DateCases.Utc(utc)));
            Assert.That(parsed?.Offset, Is.EqualTo(Vietnam));
        }
    }

    [TestCaseSource(typeof(DateCases), nameof(DateCases.Values))]
    public void ParseFeedDate_FeedValue_IsTheInstantShownInVietnamTime(string text, string utc)
    {
        DateTimeOffset? parsed = DateParser.ParseFeedDate(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(DateCases.Utc(utc)));
            Assert.That(parsed?.Offset, Is.EqualTo(Vietnam));
        }
    }

    [TestCaseSource(typeof(DateCases), nameof(DateCases.Texts))]
    public void ParseText_DateLineNearTheTitle_IsThePublicationTime(string text, string utc)
    {
        DateTimeOffset? parsed = DateParser.ParseText(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.EqualTo(DateCases.Utc(utc)));
            Assert.That(parsed?.Offset, Is.EqualTo(Vietnam));
        }
    }

    [TestCaseSource(typeof(DateCases), nameof(DateCases.NotDates))]
    public void ParseFeedDate_NotADate_IsNullNotAGuess(string? text)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(DateParser.ParseFeedDate(text), Is.Null);
            Assert.That(DateParser.ParseValue(text), Is.Null);
        }
    }

    [Test]
    public void FindPublished_OnlyAnUpdate_IsMarkedAsUpdate()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(DateParser.FindPublished("Cập nhật: 10:15, 01/02/2025")?.Updated, Is.True);
            Assert.That(DateParser.FindPublished("Updated 2025-02-01T10:15:00+07:00")?.Updated, Is.True);
            Assert.That(DateParser.FindPublished("Đăng lúc 08:00, 31/01/2025")?.Updated, Is.False);
            Assert.That(DateParser.FindPublished("Cập nhật: 10:15, 01/02/2025 - Đăng: 08:00, 31/01/2025")?.Updated, Is.False);
        }
    }

    [TestCase("Theo số liệu 23/6 của Phòng Nông nghiệp")]
    [TestCase("Bình luận (0)")]
    [TestCase("năm 2025")]
    [TestCase("Thứ Hai")]
    public void ParseText_NoFullDate_IsNull(string text) =>
        Assert.That(DateParser.ParseText(text), Is.Null);
}
