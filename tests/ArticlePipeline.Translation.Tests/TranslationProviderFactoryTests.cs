using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

[TestFixture]
public sealed class TranslationProviderFactoryTests
{
    [Test]
    public void TranslatorOptions_Defaults_AreDocumented()
    {
        var options = new TranslatorOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Provider, Is.EqualTo("none"));
            Assert.That(options.Endpoint, Is.EqualTo("https://api.cognitive.microsofttranslator.com"));
            Assert.That(options.Key, Is.Null);
            Assert.That(options.Region, Is.Null);
            Assert.That(options.MaxRetries, Is.EqualTo(3));
            Assert.That(options.CharactersPerMinute, Is.EqualTo(666_666), "S1: 40 million an hour over sliding minutes");
            Assert.That(TranslatorOptions.SectionName, Is.EqualTo("Translator"));
        });
    }

    [TestCase("none")]
    [TestCase("None")]
    [TestCase("")]
    public void Create_NoProvider_ReturnsNull(string provider)
    {
        Assert.That(TranslationProviderFactory.Create(new TranslatorOptions { Provider = provider, Key = "k" }), Is.Null);
    }

    [Test]
    public void Create_UnknownProvider_ThrowsNamingIt()
    {
        Assert.That(
            () => TranslationProviderFactory.Create(new TranslatorOptions { Provider = "deepl", Key = "k" }),
            Throws.ArgumentException.With.Message.Contains("'deepl'").And.Message.Contains("'azure' or 'none'"));
    }

    [TestCase(null)]
    [TestCase("  ")]
    public void Create_AzureWithoutKey_Throws(string? key)
    {
        Assert.That(
            () => TranslationProviderFactory.Create(new TranslatorOptions { Provider = "azure", Key = key }),
            Throws.ArgumentException.With.Message.Contains("Translator:Key"));
    }

    [TestCase("")]
    [TestCase("not a url")]
    [TestCase("ftp://example.org")]
    public void Create_AzureWithoutValidEndpoint_Throws(string endpoint)
    {
        Assert.That(
            () => TranslationProviderFactory.Create(new TranslatorOptions { Provider = "azure", Key = "k", Endpoint = endpoint }),
            Throws.ArgumentException.With.Message.Contains("Translator:Endpoint"));
    }

    [Test]
    public async Task Create_Azure_TranslatesThroughTheConfiguredEndpointWithRetries()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { Region = "southeastasia" });
        server.FailNext(1, 503, TranslatorErrorCodes.ServiceUnavailable);
        var options = new TranslatorOptions
        {
            Provider = "Azure",
            Endpoint = server.Endpoint.ToString(),
            Key = TestTranslator.Key,
            Region = "southeastasia",
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        };

        ITranslationProvider? provider = TranslationProviderFactory.Create(options);
        TranslationResult result = await provider!.TranslateAsync(new LanguageContent("Xin chào", null, []), "vi", ["uk"]);

        Assert.Multiple(() =>
        {
            Assert.That(provider.Name, Is.EqualTo("azure"));
            Assert.That(result.Languages["uk"].Title, Is.EqualTo("[ук] Хін цхао"));
            Assert.That(server.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 503, 200 }));
        });
    }

    [Test]
    public void Create_WithMemory_WrapsTheProviderInTheMemory()
    {
        var options = new TranslatorOptions { Provider = "azure", Key = "k", Endpoint = "http://127.0.0.1:9" };

        ITranslationProvider? withMemory = TranslationProviderFactory.Create(options, new InMemoryTranslationMemory());
        ITranslationProvider? without = TranslationProviderFactory.Create(options);

        Assert.Multiple(() =>
        {
            Assert.That(withMemory, Is.InstanceOf<MemoizingTranslationProvider>());
            Assert.That(withMemory!.Name, Is.EqualTo("azure"));
            Assert.That(without, Is.InstanceOf<AzureTranslationProvider>());
            Assert.That(TranslationProviderFactory.Create(new TranslatorOptions(), new InMemoryTranslationMemory()), Is.Null);
        });
    }

    [Test]
    public void Create_NegativeCharactersPerMinute_Throws()
    {
        Assert.That(
            () => TranslationProviderFactory.Create(new TranslatorOptions { Provider = "azure", Key = "k", CharactersPerMinute = -1 }),
            Throws.ArgumentException.With.Message.Contains("Translator:CharactersPerMinute"));
    }

    [Test]
    public async Task Create_PacingAndClock_ComeFromTheOptions()
    {
        var clock = new JumpingTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        var options = new TranslatorOptions
        {
            Provider = "azure",
            Endpoint = server.Endpoint.ToString(),
            Key = TestTranslator.Key,
            CharactersPerMinute = 100,
        };
        ITranslationProvider provider = TranslationProviderFactory.Create(options, new InMemoryTranslationMemory(), clock)!;

        await provider.TranslateAsync(new LanguageContent(new string('a', 80), null, []), "vi", ["uk"]);
        await provider.TranslateAsync(new LanguageContent(new string('b', 80), null, []), "vi", ["uk"]);

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(1)), "the second request waited for the first to leave the minute");
            Assert.That(server.Requests.Select(r => r.StatusCode), Is.All.EqualTo(200));
        });
    }

    [Test]
    public async Task Create_ZeroCharactersPerMinute_DoesNotPace()
    {
        var clock = new JumpingTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        var options = new TranslatorOptions { Provider = "azure", Endpoint = server.Endpoint.ToString(), Key = TestTranslator.Key, CharactersPerMinute = 0 };
        ITranslationProvider provider = TranslationProviderFactory.Create(options, memory: null, clock)!;

        for (int i = 0; i < 3; i++)
        {
            await provider.TranslateAsync(new LanguageContent(new string('a', 10_000 + i), null, []), "vi", ["uk", "ru", "ro", "th"]);
        }

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }
}
