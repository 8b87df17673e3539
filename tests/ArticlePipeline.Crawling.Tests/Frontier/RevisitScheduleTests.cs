using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Crawling.Tests.Frontier;

/// <summary>Issue 13: known articles are checked again on a schedule that thins out with age, then left alone.</summary>
[TestFixture]
public sealed class RevisitScheduleTests
{
    private static readonly DateTimeOffset Fetched = new(2025, 6, 23, 7, 30, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://baosonghau.example.vn/tin-tuc/a1001.html");

    [Test]
    public void DefaultSchedule_IsOneHourSixHoursOneDayThreeDaysThenWeeklyForFourWeeks() =>
        Assert.That(new CrawlOptions().RevisitIntervals, Is.EqualTo(new[]
        {
            TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromDays(3),
            TimeSpan.FromDays(7), TimeSpan.FromDays(7), TimeSpan.FromDays(7), TimeSpan.FromDays(7),
        }));

    [Test]
    public void Decide_KnownArticle_IsDueOnlyWhenItsIntervalHasPassed()
    {
        var options = new CrawlOptions();
        PageState first = Written(revisits: 0, at: Fetched);
        PageState fourth = Written(revisits: 3, at: Fetched);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CrawlFrontier.Decide(first, Fetched.AddMinutes(59), options).Reason, Is.EqualTo(SkipReasons.NotDue));
            Assert.That(CrawlFrontier.Decide(first, Fetched.AddMinutes(59), options).Detail, Does.Contain("revisit 1 due at 2025-06-23 08:30:00Z"));
            Assert.That(CrawlFrontier.Decide(first, Fetched.AddHours(1), options).Fetch, Is.True);
            Assert.That(CrawlFrontier.Decide(fourth, Fetched.AddDays(3).AddSeconds(-1), options).Reason, Is.EqualTo(SkipReasons.NotDue));
            Assert.That(CrawlFrontier.Decide(fourth, Fetched.AddDays(3), options).Fetch, Is.True);
        }
    }

    [Test]
    public void Decide_ScheduleUsedUp_NeverDueAgain()
    {
        FrontierDecision decision = CrawlFrontier.Decide(Written(revisits: 8, at: Fetched), Fetched.AddYears(1), new CrawlOptions());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Reason, Is.EqualTo(SkipReasons.NotDue));
            Assert.That(decision.Detail, Does.Contain("the whole schedule").And.Contain("rerun"));
        }
    }

    [Test]
    public void Decide_ListedAsChangedSinceTheLastCheck_IsDueEvenAfterTheScheduleEnded()
    {
        var options = new CrawlOptions();
        PageState done = Written(revisits: 8, at: Fetched);
        PageState third = Written(revisits: 2, at: Fetched);
        DateTimeOffset now = Fetched.AddDays(90);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CrawlFrontier.Decide(done, now, options, listedModified: Fetched.AddDays(80)).Fetch, Is.True, "a correction listed long after the schedule ended");
            Assert.That(CrawlFrontier.Decide(third, Fetched.AddHours(2), options, listedModified: Fetched.AddMinutes(90)).Fetch, Is.True, "brought forward from its revisit a day later");
            Assert.That(CrawlFrontier.Decide(third, Fetched.AddMinutes(30), options, listedModified: Fetched.AddMinutes(20)).Reason, Is.EqualTo(SkipReasons.NotDue), "never sooner than the schedule's first interval after the last check");
            Assert.That(CrawlFrontier.Decide(done, now, options, listedModified: Fetched.AddMinutes(-1)).Reason, Is.EqualTo(SkipReasons.NotDue), "changed before the last check: already seen");
            Assert.That(CrawlFrontier.Decide(done, now, options, listedModified: now.AddHours(7)).Reason, Is.EqualTo(SkipReasons.NotDue), "a date hours ahead of the clock is not believed");
            Assert.That(CrawlFrontier.Decide(done, now, options, listedModified: now.AddMinutes(1)).Fetch, Is.True, "a minute of clock difference is");
        }
    }

    [Test]
    public void Decide_ListedAsChangedButParkedOrBackingOff_StaysSkipped()
    {
        var options = new CrawlOptions();
        PageState parked = Written(revisits: 0, at: Fetched) with { Parked = true, ConsecutiveFailures = 5, LastOutcome = PageOutcome.Failure("http-404") };
        PageState backingOff = Written(revisits: 0, at: Fetched) with { ConsecutiveFailures = 1, LastOutcome = PageOutcome.Failure("http-503"), NextAttemptAt = Fetched.AddHours(1) };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CrawlFrontier.Decide(parked, Fetched.AddDays(1), options, listedModified: Fetched.AddHours(12)).Reason, Is.EqualTo(SkipReasons.Parked));
            Assert.That(CrawlFrontier.Decide(backingOff, Fetched.AddMinutes(30), options, listedModified: Fetched.AddMinutes(20)).Reason, Is.EqualTo(SkipReasons.Backoff));
        }
    }

    [Test]
    public void Decide_WithoutOptions_ChecksFailuresOnly() =>
        Assert.That(CrawlFrontier.Decide(Written(revisits: 0, at: Fetched), Fetched, options: null).Fetch, Is.True);

    [Test]
    public void Decide_FailingKnownArticlePastItsBackoff_IsTriedWhateverTheSchedule()
    {
        var state = Written(revisits: 0, at: Fetched) with { ConsecutiveFailures = 1, LastOutcome = PageOutcome.Failure("http-503"), NextAttemptAt = Fetched.AddMinutes(15) };

        Assert.That(CrawlFrontier.Decide(state, Fetched.AddMinutes(15), new CrawlOptions()).Fetch, Is.True);
    }

    [Test]
    public void Decide_ThinningSchedule_SumsToTheChecksOfTheFirstFiveWeeks()
    {
        // Follow one article that never changes: each check is stored as the processor stores it (one more revisit).
        var options = new CrawlOptions();
        PageState state = Written(revisits: 0, at: Fetched);
        var checks = new List<TimeSpan>();
        for (DateTimeOffset now = Fetched; now < Fetched.AddDays(60); now = now.AddMinutes(30))
        {
            if (CrawlFrontier.Decide(state, now, options).Fetch)
            {
                checks.Add(now - Fetched);
                state = state with { Revisits = state.Revisits + 1, UpdatedAt = now };
            }
        }

        Assert.That(checks, Is.EqualTo(new[]
        {
            TimeSpan.FromHours(1), TimeSpan.FromHours(7), TimeSpan.FromHours(31), TimeSpan.FromHours(31 + 72),
            TimeSpan.FromHours(31 + 72 + 168), TimeSpan.FromHours(31 + 72 + 336), TimeSpan.FromHours(31 + 72 + 504), TimeSpan.FromHours(31 + 72 + 672),
        }));
    }

    [TestCase("1h, 6h, 24h, 3d, 1w x4", 8)]
    [TestCase("90s,2m", 2)]
    [TestCase("", 0)]
    [TestCase("0s x3", 3)]
    public void TryParseSchedule_ValidText_Parses(string text, int count)
    {
        Assert.That(CrawlFrontier.TryParseSchedule(text, out TimeSpan[] intervals, out string? error), Is.True, error);
        Assert.That(intervals, Has.Length.EqualTo(count));
    }

    [TestCase("1 hour")]
    [TestCase("6")]
    [TestCase("-1h")]
    [TestCase("NaNh")]
    [TestCase("1h x0")]
    [TestCase("1h x2 x3")]
    [TestCase("20000d")]
    public void TryParseSchedule_InvalidText_SaysWhy(string text)
    {
        Assert.That(CrawlFrontier.TryParseSchedule(text, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain(text.Split(',')[0].Trim()));
    }

    [Test]
    public void Validation_RefusesAScheduleThatDoesNotParse() =>
        Assert.That(
            Core.Composition.SectionOptions.AnnotationProblems(new CrawlOptions { RevisitSchedule = "soon" }, CrawlOptions.SectionName),
            Has.Some.Contains("Crawl:RevisitSchedule").And.Some.Contains("'soon'"));

    private static PageState Written(int revisits, DateTimeOffset at) =>
        new(Url, new FetchValidators("\"e1\"", null), "sha256:1", "records/a.json", PageOutcome.Written, 0, at, Revisits: revisits);
}
