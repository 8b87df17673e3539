using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Tests.Issues;

/// <summary>Issue 10, items 3 and 4: operator patterns against hostile URLs, and what counts as a full disk.</summary>
[TestFixture]
public sealed class Issue10SourcePatternTests
{
    private static readonly string Hostile = "https://example.vn/tin-tuc/" + new string('a', 5000) + ".html";

    [Test]
    public void Get_NestedRepetition_RunsOnTheLinearEngineAndDecidesAHostileUrl()
    {
        SourcePattern pattern = SourcePattern.Get(@"(\w+-?)+-a\d+\.html$");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pattern.IsLinear, Is.True);
            Assert.That(pattern.Matches(Hostile), Is.False);
            Assert.That(pattern.Matches("https://example.vn/tin-tuc/lua-he-thu-a1001.html"), Is.True);
        }
    }

    [Test]
    public void Matches_BacktrackingPatternTimesOut_AnswersNullAndTheBudgetStopsTryingIt()
    {
        SourcePattern pattern = SourcePattern.Get(@"(?=.)(\w+-?)+-v\d+\.html$");
        var budget = new PatternBudget();

        bool?[] answers = [.. Enumerable.Range(0, SourcePattern.MaxTimeoutsPerPass + 3).Select(_ => budget.Matches(pattern, Hostile))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pattern.IsLinear, Is.False, "a look-ahead needs the backtracking engine");
            Assert.That(answers, Has.All.Null);
            Assert.That(budget.Problems("excludePatterns").Single(), Does.Contain("timed out").And.Contain("on 8 URL(s)").And.Contain("no longer tried"));
        }
    }

    [Test]
    public void Check_ExcludePatternTimesOut_SkipsAsPatternTimeoutWithAShortReason()
    {
        var source = new SourceDefinition { Id = "hostile", HomeUrl = "https://example.vn/", ExcludePatterns = [@"(?=.)(\w+-?)+-v\d+\.html$"] };

        FrontierDecision decision = CrawlFrontier.Check(new Uri(Hostile), source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Fetch, Is.False);
            Assert.That(decision.Reason, Is.EqualTo(SkipReasons.PatternTimeout));
            Assert.That(decision.Detail!.Length, Is.LessThan(400), "a 5,000-character URL is not repeated in the reason");
            Assert.That(CrawlFrontier.Filter(new Uri(Hostile), source), Is.EqualTo(decision.Detail));
        }
    }

    [TestCase(28, true)]
    [TestCase(122, true)]
    [TestCase(13, false)]
    public void IsStorageFull_WrappedIoExceptionWithErrno_TrueOnlyForNoSpaceAndQuota(int errno, bool full)
    {
        var inner = new IOException("No space left on device", errno);
        var wrapped = new IOException("cannot write manifest journal", inner);

        Assert.That(StorageFullException.IsStorageFull(wrapped), Is.EqualTo(full));
    }
}
