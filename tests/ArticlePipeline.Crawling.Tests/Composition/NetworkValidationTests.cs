using ArticlePipeline.Crawling.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Crawling.Tests.Composition;

/// <summary>
/// Issue 12: the Network rules are checked in one place. The host refuses a bad section at start, and
/// <see cref="NetworkOptions.Validate"/>, which tests use for options they build by hand, reports the same problems.
/// </summary>
[TestFixture]
public sealed class NetworkValidationTests
{
    [TestCase("MaxBodyBytes", "100")]
    [TestCase("MaxConnectionsPerHost", "0")]
    [TestCase("UserAgent", "Archive/1.0\u0001")]
    [TestCase("RobotsProductToken", "Archive Bot!")]
    [TestCase("Proxy", "ftp://proxy:21")]
    public void Validate_BadNetworkValue_IsRefusedAtStartWithTheProblemsValidateReports(string key, string value)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>($"{NetworkOptions.SectionName}:{key}", value)])
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton(configuration);
        collection.AddArticleCrawling();
        using ServiceProvider services = collection.BuildServiceProvider();
        var byHand = new NetworkOptions();
        configuration.GetSection(NetworkOptions.SectionName).Bind(byHand);

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate())!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Failures, Has.One.StartsWith($"{NetworkOptions.SectionName}:{key}"));
            Assert.That(error.Failures, Is.EquivalentTo(byHand.Validate()));
        }
    }
}
