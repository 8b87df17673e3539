using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Scheduling.Tests;

/// <summary>The <c>Scheduler</c> section is bound once and refused whole when the worker could not run with it.</summary>
[TestFixture]
public sealed class SchedulerOptionsTests
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [TestCase("0 0 0 30 2 ?", "never fires")]
    [TestCase("0 0 12 ? * MON 2001", "never fires")]
    [TestCase("every day", "is not a valid Quartz cron expression")]
    public void ScheduleProblem_CronThatCannotSchedule_SaysWhy(string cron, string expected)
    {
        string? problem = SchedulerOptionsServiceCollectionExtensions.ScheduleProblem(cron, Vietnam, "source 'bao': schedule", Now);

        Assert.That(problem, Does.StartWith($"source 'bao': schedule '{cron}' ").And.Contain(expected));
    }

    [TestCase("0 0/30 * * * ?")]
    [TestCase("0 15 6 ? * MON-FRI")]
    [TestCase("0 0 0 29 2 ?")]
    public void ScheduleProblem_CronThatFires_IsNone(string cron) =>
        Assert.That(SchedulerOptionsServiceCollectionExtensions.ScheduleProblem(cron, Vietnam, "x", Now), Is.Null);

    [Test]
    public void Validate_DefaultSection_IsBoundAndAccepted()
    {
        using ServiceProvider services = Services(("Scheduler:MaxConcurrentSources", "3"));

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.That(services.GetRequiredService<IOptions<SchedulerOptions>>().Value.MaxConcurrentSources, Is.EqualTo(3));
    }

    [TestCase("Scheduler:TimeZone", "Mars/Olympus", "Scheduler:TimeZone 'Mars/Olympus' is not a known time zone")]
    [TestCase("Scheduler:DefaultSchedule", "0 0 0 30 2 ?", "Scheduler:DefaultSchedule '0 0 0 30 2 ?' never fires")]
    [TestCase("Scheduler:LeaseSeconds", "0", "LeaseSeconds and PollSeconds > 0")]
    [TestCase("Scheduler:WorkerConcurrency", "0", "WorkerConcurrency and MaxConcurrentSources >= 1")]
    public void Validate_ValueTheWorkerCannotRunWith_IsRefusedNamingTheKey(string key, string value, string expected)
    {
        using ServiceProvider services = Services((key, value));

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate())!;

        Assert.That(error.Failures, Has.Some.Contains(expected));
    }

    private static ServiceProvider Services(params (string Key, string Value)[] values)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
        services.AddSingleton(TimeProvider.System);
        services.AddArticleSchedulerOptions();
        return services.BuildServiceProvider();
    }
}
