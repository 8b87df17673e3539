using System.Text.Json;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling;
using ArticlePipeline.Scheduling;
using ArticlePipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace ArticlePipeline.Worker.Tests;

/// <summary>
/// The worker registered over the real stages, as <c>run</c> registers it: started as a host, it schedules one job
/// per source and reports itself healthy in its health file; stopped, it shuts the scheduler down.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WorkerCompositionTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Start_LocalWorker_SchedulesEverySourceAndWritesAHealthyReport()
    {
        string output = _folder.Combine("out");
        Directory.CreateDirectory(Path.Combine(output, "state"));
        var options = new SchedulerOptions
        {
            InstanceId = "test-worker",
            HealthFile = Path.Combine(output, "state", "health.json"),
            HealthIntervalSeconds = 0.2,
            GracePeriodSeconds = 1,
        };
        var catalog = new SourceCatalog
        {
            // Schedules far apart from the test's few seconds: nothing is crawled, only scheduled.
            Sources =
            [
                new SourceDefinition { Id = "mot", Name = "Mot", HomeUrl = "http://127.0.0.1:9/", Schedule = "0 0 3 1 1 ?" },
                new SourceDefinition { Id = "hai", Name = "Hai", HomeUrl = "http://127.0.0.1:9/", Schedule = "0 0 4 1 1 ?" },
            ],
        };
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        foreach (ServiceDescriptor stage in PipelineServices.Create(output, new NetworkOptions { AllowPrivateAddresses = true }))
        {
            builder.Services.Add(stage);
        }

        builder.Services.AddArticleWorker(options, catalog, $"Data Source={Path.Combine(output, "state", "quartz.db")}");
        using IHost host = builder.Build();

        await host.StartAsync();
        HealthReport report = await WaitForReportAsync(options.HealthFile, TimeSpan.FromSeconds(30));
        IScheduler scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        IReadOnlyCollection<JobKey> jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());
        await host.StopAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Status, Is.EqualTo("healthy"), report.ToString());
            Assert.That(report.Instance, Is.EqualTo("test-worker"));
            Assert.That(report.Scheduler, Is.EqualTo("started"));
            Assert.That(jobs.Select(j => j.Name), Is.EquivalentTo(new[] { "crawl-mot", "crawl-hai" }), "one job per source");
            Assert.That(scheduler.Status, Is.EqualTo(SchedulerStatus.Shutdown), "stopping the host stops the scheduler");
        }
    }

    private static async Task<HealthReport> WaitForReportAsync(string path, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (File.Exists(path))
            {
                HealthReport? report = JsonSerializer.Deserialize<HealthReport>(await File.ReadAllTextAsync(path), Web);
                if (report is { Scheduler: "started" })
                {
                    return report;
                }
            }

            await Task.Delay(100, cancel.Token);
        }
    }
}
