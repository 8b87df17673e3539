using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Translation.Tests;

/// <summary>What <c>AddArticleTranslation</c> registers, as a host resolves it.</summary>
[TestFixture]
public sealed class TranslationRegistrationTests
{
    [Test]
    public void The_glossary_checked_at_start_up_is_the_one_the_translator_uses_without_reading_the_file_again()
    {
        string path = Path.Combine(Path.GetTempPath(), $"glossary-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"terms\":[{\"source\":\"An Giang\",\"renderings\":{\"th\":{\"text\":\"อานซาง\",\"reference\":\"test\"}}}]}");
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Translator:Provider"] = "azure",
                ["Translator:Key"] = TestTranslator.Key,
                ["Translator:Endpoint"] = "http://127.0.0.1:9",
                ["Translator:GlossaryFile"] = path,
            })
            .Build();
        using ServiceProvider services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddArticleTranslation()
            .BuildServiceProvider();

        TranslatorOptions checkedAtStart = services.GetRequiredService<IOptions<TranslatorOptions>>().Value;
        File.Delete(path);

        Assert.That(checkedAtStart.GlossaryFile, Is.EqualTo(path));
        Assert.That(services.GetRequiredService<ConfiguredTranslator>().Provider, Is.Not.Null);
    }
}
