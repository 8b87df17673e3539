using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.Logging;
using ArticlePipeline.Testing.NewsSite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>The per-host circuit breaker: a failing host fails fast, and the others never notice.</summary>
[TestFixture]
public sealed class CircuitBreakerTests
{
    private LoopbackNewsSite _failing = null!;
    private LoopbackNewsSite _healthy = null!;

    [SetUp]
    public async Task SetUp()
    {
        _failing = await LoopbackNewsSite.StartAsync();
        _healthy = await LoopbackNewsSite.StartAsync();
        for (int i = 1; i <= 10; i++)
        {
            _failing.Set($"/a{i}.html", SiteResponse.StatusOnly(503));
            _healthy.Set($"/a{i}.html", SiteResponse.Html($"<p>Bài {i}</p>"));
        }
    }

    [TearDown]
    public async Task TearDown()
    {
        await _failing.DisposeAsync();
        await _healthy.DisposeAsync();
    }

    private static NetworkOptions Options() => TestNetwork.Options(o =>
    {
        o.MaxRetries = 0;
        o.BreakerMinimumThroughput = 4;
        o.BreakerFailureRatio = 0.5;
        o.BreakerBreakSeconds = 60;
    });

    [Test]
    public async Task FetchAsync_HostKeepsFailing_OpensItsCircuitAndStopsAskingIt()
    {
        using var fetcher = new HttpPageFetcher(Options());

        var outcomes = new List<FetchOutcome>();
        for (int i = 1; i <= 10; i++)
        {
            outcomes.Add(await fetcher.FetchAsync(_failing.Url($"/a{i}.html")));
            outcomes.Add(await fetcher.FetchAsync(_healthy.Url($"/a{i}.html")));
        }

        List<FetchOutcome> failing = outcomes.Where(o => o.Url.Authority == _failing.Authority).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_failing.PageRequests, Has.Count.EqualTo(3), "robots.txt (a success) and three failures reach the minimum throughput of 4 with a failure ratio of 0.75");
            Assert.That(failing.Take(3).Select(o => o.Reason), Is.All.EqualTo("http-503"));
            Assert.That(failing.Skip(3).Select(o => o.Reason), Is.All.EqualTo("circuit-open"));
            Assert.That(failing.Last().Detail, Does.Contain(_failing.Authority));
            Assert.That(outcomes.Where(o => o.Url.Authority == _healthy.Authority).Select(o => o.Status), Is.All.EqualTo(FetchStatus.Fetched));
            Assert.That(_healthy.PageRequests, Has.Count.EqualTo(10));
        }
    }

    [Test]
    public async Task FetchAsync_RetriesAndABreakerOpening_AreLoggedNamingTheHost()
    {
        var loggers = new CollectingLoggers();
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o =>
        {
            o.MaxRetries = 1;
            o.RetryBaseDelaySeconds = 0.01;
            o.BreakerMinimumThroughput = 2;
            o.BreakerFailureRatio = 0.5;
        }), loggers: loggers);

        for (int i = 1; i <= 3; i++)
        {
            await fetcher.FetchAsync(_failing.Url($"/a{i}.html"));
        }

        List<LogLine> ours = loggers.Lines.Where(l => l.Category == typeof(HttpPageFetcher).FullName).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ours, Has.Some.Matches<LogLine>(l => l.Level == LogLevel.Information && l.Message.StartsWith($"{_failing.Authority}: retry 1", StringComparison.Ordinal) && l.Message.Contains("status 503", StringComparison.Ordinal)));
            Assert.That(ours, Has.Some.Matches<LogLine>(l => l.Level == LogLevel.Warning && l.Message.StartsWith($"{_failing.Authority}: circuit opened", StringComparison.Ordinal)));
            Assert.That(loggers.Lines, Has.Some.Matches<LogLine>(l => l.Category.StartsWith("Polly", StringComparison.Ordinal)), "Polly's own telemetry is on");
        }
    }

    [Test]
    public async Task FetchAsync_AfterTheBreak_OneProbeIsLetThrough()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var fetcher = new HttpPageFetcher(Options(), time);
        for (int i = 1; i <= 5; i++)
        {
            await fetcher.FetchAsync(_failing.Url($"/a{i}.html"));
        }

        int before = _failing.PageRequests.Count;
        _failing.Set("/a6.html", SiteResponse.Html("<p>back</p>"));
        time.Advance(TimeSpan.FromSeconds(61));
        FetchOutcome probe = await fetcher.FetchAsync(_failing.Url("/a6.html"));
        FetchOutcome after = await fetcher.FetchAsync(_failing.Url("/a6.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(3));
            Assert.That(probe.Status, Is.EqualTo(FetchStatus.Fetched), "half-open: the probe succeeds and closes the circuit");
            Assert.That(after.Status, Is.EqualTo(FetchStatus.Fetched));
        }
    }

    [Test]
    public async Task FetchAsync_DeadHost_FailsFastWithoutSlowingAHealthyOne()
    {
        Uri dead = LoopbackNewsSite.DeadHost();
        using var fetcher = new HttpPageFetcher(Options());

        Task<FetchOutcome[]> toDead = Task.WhenAll(Enumerable.Range(1, 5).Select(i => fetcher.FetchAsync(new Uri(dead, $"/a{i}.html"))));
        FetchOutcome[] healthy = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => fetcher.FetchAsync(_healthy.Url($"/a{i}.html"))));
        FetchOutcome[] deadOutcomes = await toDead;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(healthy.Select(o => o.Status), Is.All.EqualTo(FetchStatus.Fetched));
            Assert.That(deadOutcomes.Select(o => o.Reason), Is.All.EqualTo("robots"), "its robots.txt is unreachable: the host is disallowed, nothing else is tried");
            Assert.That(deadOutcomes[0].Detail, Does.Contain("unreachable"));
        }
    }
}
