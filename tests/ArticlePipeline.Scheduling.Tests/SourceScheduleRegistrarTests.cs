using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace ArticlePipeline.Scheduling.Tests;

/// <summary>What a worker starting puts into the scheduler: one cron trigger per source, stored together.</summary>
[TestFixture]
public sealed class SourceScheduleRegistrarTests
{
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;

    [SetUp]
    public async Task SetUp()
    {
        string name = "registrar-" + Guid.NewGuid().ToString("N");
        _services = new ServiceCollection()
            .AddLogging()
            .AddQuartz(q =>
            {
                q.ConfigureScheduler(s => s.InstanceName = name);
                q.UseInMemoryStore();
            })
            .BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _scheduler.Shutdown();
        await _services.DisposeAsync();
    }

    [Test]
    public async Task StartAsync_TwelveSourcesOnOneSchedule_AllStoredWithOneFirstFiring_ASecondWorkerKeepsThem()
    {
        SourceCatalog catalog = Catalog(Enumerable.Range(0, 12).Select(i => ("s" + i, "0/5 * * * * ?")));

        await Registrar(catalog).StartAsync(CancellationToken.None);
        ITrigger[] first = await TriggersAsync();
        await Registrar(catalog).StartAsync(CancellationToken.None);
        ITrigger[] second = await TriggersAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(t => t.JobKey.Name), Is.EquivalentTo(catalog.Sources.Select(s => "crawl-" + s.Id)));
            Assert.That(first.Select(t => t.NextFireTimeUtc).Distinct().Count(), Is.EqualTo(1), "every source fires first at the same boundary");
            Assert.That(second.Select(t => (t.Key.Name, t.StartTimeUtc, t.NextFireTimeUtc)), Is.EquivalentTo(first.Select(t => (t.Key.Name, t.StartTimeUtc, t.NextFireTimeUtc))),
                "a worker starting later keeps the stored triggers (same start and first firing) instead of storing them again");
        });
    }

    [Test]
    public async Task StartAsync_ScheduleChangedAndSourceRemoved_ReplacesOneTriggerAndDeletesTheOtherJob()
    {
        await Registrar(Catalog([("a", "0 0/15 * * * ?"), ("b", "0 0/15 * * * ?"), ("c", "0 0/15 * * * ?")])).StartAsync(CancellationToken.None);
        ITrigger kept = (await TriggersAsync()).Single(t => t.JobKey.Name == "crawl-a");

        await Registrar(Catalog([("a", "0 0/15 * * * ?"), ("b", "0 0 6 * * ?")])).StartAsync(CancellationToken.None);
        ITrigger[] after = await TriggersAsync();

        Assert.Multiple(() =>
        {
            Assert.That(after.Select(t => t.JobKey.Name), Is.EquivalentTo(new[] { "crawl-a", "crawl-b" }));
            Assert.That(((ICronTrigger)after.Single(t => t.JobKey.Name == "crawl-b")).CronExpressionString, Is.EqualTo("0 0 6 * * ?"));
            Assert.That(after.Single(t => t.JobKey.Name == "crawl-a").StartTimeUtc, Is.EqualTo(kept.StartTimeUtc), "an unchanged source's trigger is left as stored");
        });
    }

    [Test]
    public async Task StartAsync_AJobStoredWithoutItsTrigger_IsStoredAgainWithItAndTheOtherSourcesToo()
    {
        // What another worker, or an operator, left: the job of source b without a trigger. Storing the new sources
        // without replacing fails on it as a whole; the registrar then stores them replacing.
        IJobDetail orphan = JobBuilder.Create<SourceCrawlJob>().WithIdentity(SourceTriggerKeys.Job("b")).StoreDurably().Build();
        await _scheduler.AddJob(orphan, new AddJobOptions());

        await Registrar(Catalog([("a", "0 0/15 * * * ?"), ("b", "0 0/15 * * * ?")])).StartAsync(CancellationToken.None);

        Assert.That((await TriggersAsync()).Select(t => t.JobKey.Name), Is.EquivalentTo(new[] { "crawl-a", "crawl-b" }));
    }

    [TestCase(false, 12, 4, ExpectedResult = 4)]
    [TestCase(true, 12, 4, ExpectedResult = 12)]
    [TestCase(true, 2, 4, ExpectedResult = 4)]
    [TestCase(true, 500, 4, ExpectedResult = 32)]
    [TestCase(true, 500, 64, ExpectedResult = 64)]
    public int PoolSize_ClusteredJobsOnlyQueue_SoEverySourceDueAtOnceFiresInOneRound(bool clustered, int sources, int maxConcurrentSources) =>
        SchedulingServiceCollectionExtensions.PoolSize(
            new SchedulerOptions { Clustered = clustered, MaxConcurrentSources = maxConcurrentSources },
            Catalog(Enumerable.Range(0, sources).Select(i => ("s" + i, "0/5 * * * * ?"))));

    private SourceScheduleRegistrar Registrar(SourceCatalog catalog) =>
        new(_services.GetRequiredService<ISchedulerFactory>(), catalog, new SchedulerOptions { TimeZone = "UTC" }, NullLogger<SourceScheduleRegistrar>.Instance);

    private async Task<ITrigger[]> TriggersAsync()
    {
        var triggers = new List<ITrigger>();
        foreach (TriggerKey key in await _scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SourceScheduleRegistrar.Group)))
        {
            triggers.Add((await _scheduler.GetTrigger(key))!);
        }

        return [.. triggers];
    }

    private static SourceCatalog Catalog(IEnumerable<(string Id, string Cron)> sources) => new()
    {
        Sources = [.. sources.Select(s => new SourceDefinition { Id = s.Id, Name = s.Id, HomeUrl = $"https://{s.Id}.example/", Schedule = s.Cron })],
    };
}
