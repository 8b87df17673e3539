using ArticlePipeline.Cli.Composition;
using Microsoft.Extensions.Configuration;

namespace ArticlePipeline.Cli.Tests;

/// <summary>A key no setting reads is reported with the nearest known key; nothing known is reported.</summary>
[TestFixture]
public sealed class ConfigurationKeysTests
{
    [TestCase("Network:AllowPrivateAdresses", "true", "Network:AllowPrivateAddresses")]
    [TestCase("Network:MaxBodyByte", "4096", "Network:MaxBodyBytes")]
    [TestCase("crawl:maxparalelsources", "2", "Crawl:MaxParallelSources")]
    [TestCase("Tranlsator:Key", "k", "Translator")]
    public void Problems_MisspelledKey_NamesItAndTheNearestKnownOne(string key, string value, string nearest)
    {
        IConfiguration configuration = Configuration((key, value));

        IReadOnlyList<string> problems = ConfigurationKeys.Problems(configuration, CliConfiguration.Sections);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain(key.Split(':')[0]).And.Contain($"did you mean {nearest}?"));
    }

    [Test]
    public void Problems_KeyFarFromAnyKnownOne_IsReportedWithoutAGuess()
    {
        IConfiguration configuration = Configuration(("Network:SomethingElseEntirely", "1"));

        IReadOnlyList<string> problems = ConfigurationKeys.Problems(configuration, CliConfiguration.Sections);

        Assert.That(problems, Is.EqualTo(new[] { "unknown setting Network:SomethingElseEntirely" }));
    }

    [Test]
    public void Problems_EveryKnownKeyAndFreeFormLoggingCategories_AreAccepted()
    {
        IConfiguration configuration = Configuration(
            ("Sources:File", "s.json"),
            ("Output:Directory", "out"),
            ("State:Provider", "sqlite"),
            ("Translator:RetryDelay", "00:00:01"),
            ("Network:Proxy", ""),
            ("Crawl:MaxParallelSources", "2"),
            ("Scheduler:HealthFile", "h.json"),
            ("Logging:LogLevel:ArticlePipeline.Crawling", "Debug"),
            ("Logging:Console:LogLevel:Default", "Warning"));

        Assert.That(ConfigurationKeys.Problems(configuration, CliConfiguration.Sections), Is.Empty);
    }

    [Test]
    public void Problems_EveryMistake_IsReportedNotJustTheFirst()
    {
        IConfiguration configuration = Configuration(("Network:Delay", "1"), ("Outptu:Directory", "x"), ("Crawl:MaxParallelSources", "2"));

        Assert.That(ConfigurationKeys.Problems(configuration, CliConfiguration.Sections), Has.Count.EqualTo(2));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
