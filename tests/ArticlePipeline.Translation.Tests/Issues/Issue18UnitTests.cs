using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>Issue 18, numbers with units: the number is protected, the unit word is translated.</summary>
[TestFixture]
public sealed class Issue18UnitTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    [Test]
    public async Task TranslateAsync_QuantitiesInTheBody_UnitsAreTranslatedWhileNumbersStayExact()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint));
        var source = new LanguageContent(
            "Năng suất lúa đạt 6,5 tấn/ha",
            null,
            [new ContentBlock(BlockKind.Paragraph, "Tỉnh hỗ trợ 1.200 hộ, mỗi hộ 2.500.000 đồng; kênh dài 15 km được nạo vét xong.")]);

        TranslationResult result = await provider.TranslateAsync(source, "vi", Targets);

        Assert.That(server.Requests.Single().Texts[1], Does.Contain("<span class=notranslate>2.500.000</span> đồng"), "only the number is protected");
        foreach (string language in Targets)
        {
            LanguageContent translated = result.Languages[language];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(translated.Title, Does.Contain("6,5 ").And.Not.Contain("tấn/ha"), language);
                Assert.That(translated.Blocks[0].Text, Does.Contain("1.200 ").And.Contain("2.500.000 ").And.Contain("15 "), language);
                Assert.That(translated.Blocks[0].Text, Does.Not.Contain("hộ").And.Not.Contain("đồng"), language);
                Assert.That(
                    translated.Title[(translated.Title.IndexOf("6,5 ", StringComparison.Ordinal) + 4)..],
                    Is.EqualTo(string.Concat("tấn/ha".Select(c => LoopbackTranslation.ToScript(c, language)))),
                    $"{language}: the unit came back translated");
            }
        }
    }
}
