using System.Globalization;
using ArticlePipeline.Core.Dates;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Core.Tests.Dates;

/// <summary>
/// Issue 11: results never depend on the machine's time zone. Each fixture plays a machine in one zone through a
/// <see cref="FakeTimeProvider"/> (not the process environment): the same cases must give the same instants, and a
/// publisher's server in that zone, writing its local time with its offset, must be read right in every form.
/// </summary>
[TestFixture("UTC")]
[TestFixture("America/New_York")]
[TestFixture("Asia/Ho_Chi_Minh")]
public sealed class DateParserTimeZoneTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly TimeZoneInfo _zone;

    public DateParserTimeZoneTests(string zone) => _zone = TimeZoneInfo.FindSystemTimeZoneById(zone);

    [TestCaseSource(typeof(DateCases), nameof(DateCases.Values))]
    [TestCaseSource(typeof(DateCases), nameof(DateCases.Texts))]
    public void ParseValueAndText_SameCasesInEveryZone_GiveTheSameInstants(string text, string utc)
    {
        DateTimeOffset? parsed = DateParser.ParseValue(text) ?? DateParser.ParseText(text);

        Assert.That(parsed, Is.EqualTo(DateCases.Utc(utc)), _zone.Id);
    }

    [TestCase("2025-06-23T00:30:00Z", TestName = "LocalTimeOfAPublisher_InSummer_IsReadAsTheSameInstant")]
    [TestCase("2025-01-15T00:30:00Z", TestName = "LocalTimeOfAPublisher_InWinter_IsReadAsTheSameInstant")]
    [TestCase("2025-12-31T17:30:00Z", TestName = "LocalTimeOfAPublisher_AtNewYearInVietnam_IsReadAsTheSameInstant")]
    public void LocalTimeOfAPublisher_InThisZone_IsReadAsTheSameInstant(string instant)
    {
        DateTimeOffset at = DateCases.Utc(instant);
        var clock = new FakeTimeProvider(at);
        clock.SetLocalTimeZone(_zone);
        DateTimeOffset local = clock.GetLocalNow();
        string offset = local.ToString("zzz", CultureInfo.InvariantCulture);
        var written = new List<string>
        {
            local.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + offset.Replace(":", string.Empty, StringComparison.Ordinal),
            local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + offset[..3],
        };
        if (_zone.Id == "America/New_York")
        {
            written.Add(local.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + (_zone.IsDaylightSavingTime(local) ? "EDT" : "EST"));
        }

        if (local.Offset == TimeSpan.Zero)
        {
            written.Add(local.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture));
        }

        using (Assert.EnterMultipleScope())
        {
            foreach (string text in written)
            {
                DateTimeOffset? parsed = DateParser.ParseFeedDate(text);
                Assert.That(parsed, Is.EqualTo(at), text);
                Assert.That(parsed?.Offset, Is.EqualTo(Vietnam), text);
            }
        }
    }

    [Test]
    public void ZonelessValue_OnAnyMachine_IsVietnamTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 0, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(_zone);
        string machineLocal = clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        DateTimeOffset? parsed = DateParser.ParseValue(machineLocal);

        // The same wall-clock text means 07:30 in Vietnam; only on a machine in Vietnam is that the machine's instant.
        Assert.That(parsed, Is.EqualTo(new DateTimeOffset(DateTime.ParseExact(machineLocal, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Vietnam)));
    }
}
