using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Output.Composition;
using ArticlePipeline.Output.Warc;
using ArticlePipeline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Output.Tests.Warc;

/// <summary>The <c>Output:Warc*</c> settings: defaults, validation at start, and the store the container hands out.</summary>
[TestFixture]
public sealed class WarcCompositionTests
{
    [Test]
    public void Defaults_CaptureArticlesOnlyInFilesOfOneGiB()
    {
        var options = new OutputOptions();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Warc, Is.True);
            Assert.That(options.WarcDiscovery, Is.False);
            Assert.That(options.WarcMaxBytes, Is.EqualTo(1L << 30));
        }
    }

    [TestCase("0")]
    [TestCase("-5")]
    public void Validate_WarcMaxBytesNotPositive_IsRefusedAtStart(string value)
    {
        using var folder = new TempDirectory();
        using ServiceProvider services = Services(folder.Path, ("Output:WarcMaxBytes", value));

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate())!;

        Assert.That(error.Failures, Has.Some.Contain("Output:WarcMaxBytes"));
    }

    [Test]
    public async Task WarcOn_CaptureStoreIsTheWarcStore_ClosedWithTheContainer()
    {
        using var folder = new TempDirectory();
        string file;
        using (ServiceProvider services = Services(folder.Path, ("Output:WarcMaxBytes", "5000000")))
        {
            ICaptureStore store = services.GetRequiredService<ICaptureStore>();
            Assert.That(store, Is.SameAs(services.GetRequiredService<WarcCaptureStore>()));
            file = folder.Combine((await store.StoreAsync(Exchanges.GzipArticle())).WarcFile);
            Assert.That(File.Exists(file + ".open"), Is.True);
        }

        Assert.That(File.Exists(file + ".open"), Is.False, "disposing the host closed the file");
    }

    [Test]
    public void WarcOff_NoCaptureStore()
    {
        using var folder = new TempDirectory();
        using ServiceProvider services = Services(folder.Path, ("Output:Warc", "false"));

        Assert.That(services.GetService<ICaptureStore>(), Is.Null);
    }

    private static ServiceProvider Services(string directory, params (string Key, string Value)[] values)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Output:Directory", directory), .. values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))])
            .Build());
        collection.AddArticleOutput();
        return collection.BuildServiceProvider();
    }
}
