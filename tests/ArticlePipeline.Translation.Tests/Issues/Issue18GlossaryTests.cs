using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Glossary;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>Issue 18, glossary: terms go protected and come back as each language's configured rendering.</summary>
[TestFixture]
public sealed class Issue18GlossaryTests
{
    private const string Body = "Ban Tuyên giáo và Dân vận Tỉnh ủy";

    private static readonly Dictionary<string, string> Renderings = new()
    {
        ["uk"] = "Відділ пропаганди та масової мобілізації провінційного партійного комітету",
        ["ru"] = "Комиссия по пропаганде и мобилизации масс Провинциального комитета партии",
        ["ro"] = "Departamentul de Propagandă și Mobilizare în Masă al Comitetului Provincial al Partidului",
        ["th"] = "คณะกรรมาธิการการโฆษณาชวนเชื่อและการระดมมวลชนของคณะกรรมการพรรคประจำจังหวัด",
    };

    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    [Test]
    public async Task TranslateAsync_TermInTitleAndBody_ComesBackAsTheConfiguredRenderingInAllFourLanguages()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        TermGlossary glossary = TermGlossary.Parse(Json((Body, Renderings), ("Quảng Trị", new Dictionary<string, string> { ["ru"] = "Куангчи" })));
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint), SecretScreen.None, glossary);
        var source = new LanguageContent(
            "Hội nghị của ban tuyên giáo và dân vận tỉnh ủy",
            null,
            [new ContentBlock(BlockKind.Paragraph, $"Sáng nay, {Body} tổ chức hội nghị tổng kết công tác năm 2025 tại tỉnh Quảng Trị.")]);

        TranslationResult result = await provider.TranslateAsync(source, "vi", Targets);

        Assert.That(server.Requests, Has.Count.EqualTo(2), "the terms lacking a rendering, then the article");
        Assert.That(server.Requests[0].Texts, Is.EqualTo(new[] { "Quảng Trị" }));
        Assert.That(server.Requests[0].QueryValues("to"), Is.EqualTo(new[] { "uk", "ro", "th" }), "only the languages without a rendering");
        Assert.That(server.Requests[1].Texts[1], Does.Contain($"<span class=notranslate>{Body}</span>"), "sent protected");
        foreach (string language in Targets)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.Languages[language].Blocks[0].Text, Does.Contain(Renderings[language]).And.Not.Contain(Body), language);
                Assert.That(result.Languages[language].Title, Does.EndWith(Renderings[language]), $"{language}: matched ignoring case");
                Assert.That(
                    result.Languages[language].Blocks[0].Text,
                    Does.EndWith((language == "ru" ? "Куангчи" : LoopbackTranslation.Scripted("Quảng Trị", language)) + "."),
                    $"{language}: the rendering where the glossary has one, else the machine's translation of the term");
            }
        }
    }

    [TestCase("{\"terms\":[{\"source\":\"An Giang\",\"renderings\":{\"uk\":{\"text\":\"Анзянг\"}}}]}", "reference")]
    [TestCase("{\"terms\":[{\"source\":\" \",\"renderings\":{}}]}", "source")]
    [TestCase("{\"terms\":[{\"source\":\"A\",\"renderings\":{}},{\"source\":\"a\",\"renderings\":{}}]}", "twice")]
    [TestCase("{\"terms\":", "not valid JSON")]
    public void Parse_BadFile_OneLineSaysWhatIsWrong(string json, string problem)
    {
        InvalidDataException? ex = Assert.Throws<InvalidDataException>(() => TermGlossary.Parse(json));

        Assert.That(ex!.Message, Does.Contain(problem).And.Not.Contain('\n'));
    }

    [Test]
    public void Find_TermInsideALongerTermListedWithoutRenderings_IsLeftToTheMachine()
    {
        TermGlossary glossary = TermGlossary.Parse(
            "{\"terms\":[{\"source\":\"Chủ tịch UBND tỉnh\",\"renderings\":{\"ru\":{\"text\":\"председатель провинциального народного комитета\",\"reference\":\"test\"}}},"
            + "{\"source\":\"Phó Chủ tịch UBND tỉnh\",\"renderings\":{}}]}");
        const string Deputy = "Ông Lê Văn A, Phó Chủ tịch UBND tỉnh, phát biểu.";
        const string Chairman = "Ông Lê Văn B, Chủ tịch UBND tỉnh, phát biểu.";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(glossary.Find(Deputy, Targets), Is.Empty, "the deputy's title goes to the machine whole");
            Assert.That(
                glossary.Find(Chairman, Targets).Select(s => Chairman[s.Start..s.End]),
                Is.EqualTo(new[] { "Chủ tịch UBND tỉnh" }));
        }
    }

    [Test]
    public void ShippedGlossary_IsValidAndEveryRenderingCitesAReference()
    {
        string path = Path.Combine(Testing.SharedData.RepositoryRoot, "config", "glossary.json");

        TermGlossary glossary = TermGlossary.Load(path);

        Assert.That(glossary.Count, Is.GreaterThan(0));
    }

    [Test]
    public void Create_BadGlossaryFile_IsAnInvalidConfigurationNamingTheSettingInOneLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"glossary-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"terms\":[{\"source\":\"An Giang\",\"renderings\":{\"th\":{\"text\":\"อานซาง\"}}}]}");
        try
        {
            var options = new TranslatorOptions { Provider = "azure", Key = TestTranslator.Key, Endpoint = "http://127.0.0.1:9", GlossaryFile = path };

            ArgumentException? ex = Assert.Throws<ArgumentException>(() => TranslationProviderFactory.Create(options));

            Assert.That(ex!.Message, Does.StartWith("Translator:GlossaryFile: " + path).And.Contain("reference").And.Not.Contain('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Json(params (string Source, Dictionary<string, string> Renderings)[] terms) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            terms = terms.Select(t => new
            {
                source = t.Source,
                renderings = t.Renderings.ToDictionary(r => r.Key, r => new { text = r.Value, reference = "test" }),
            }),
        });
}
