using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 14 through the command line, against the loopback news site and translator: a page in a language outside
/// the five keeps its text and is translated into all five.
/// </summary>
[TestFixture]
public sealed class Issue14RecordV2CliTests
{
    private static readonly string[] Five = ["vi", "uk", "ru", "ro", "th"];

    private LoopbackNewsSite _site = null!;
    private LoopbackTranslator _translator = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync(Path.Combine(SharedData.RepositoryRoot, "samples", "site"));
        _translator = await LoopbackTranslator.StartAsync("v2-key");
        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        await _translator.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task EnglishEdition_WithoutTranslator_KeepsTheEnglishOriginalWithFivePendingThenTranslatePendingFillsAllFive()
    {
        _site.Set("/en/rice-harvest.html", SiteResponse.Html("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Farmers in Tan Hau harvest summer-autumn rice early</title></head>
            <body><header><nav><a href="/">Home</a> <a href="/en/">News</a></nav></header>
            <article><h1>Farmers in Tan Hau harvest summer-autumn rice early</h1>
            <div class="content">
            <p>In the last days of June, farmers across Tan Hau district began harvesting their summer-autumn rice early to stay ahead of the flood season.</p>
            <p>According to the district's agriculture office, yields this year are higher than last year's and the price of fresh paddy has held steady at the mills.</p>
            <p>Officials advise farmers not to burn the straw in the fields but to sell it for mushroom growing or keep it as cattle feed through the rainy months.</p>
            </div></article>
            <div class="related"><h3>Related news</h3><ul><li><a href="/en/flood.html">Floods in the delta</a></li></ul></div>
            </body></html>
            """));
        string withoutTranslator = Config("none-", new { Translator = new { Provider = "none" } });
        string withTranslator = Config("azure-", new
        {
            Translator = new { Provider = "azure", Endpoint = _translator.Endpoint.AbsoluteUri, Key = "v2-key", MaxRetries = 1 },
        });

        CliRun rerun = await CliRun.RunAsync("rerun", _site.Url("en/rice-harvest.html").AbsoluteUri, "--config", withoutTranslator, "--out", Out);
        string path = rerun.Output.Trim();
        using (JsonDocument pending = JsonDocument.Parse(File.ReadAllBytes(path)))
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
                Assert.That(pending.RootElement.GetProperty("sourceLanguage").GetString(), Is.EqualTo("en"));
                Assert.That(Status(pending, "en"), Is.EqualTo("original"));
                Assert.That(Text(pending, "en"), Does.Contain("flood season").And.Contain("cattle feed"), "the English text is kept");
                Assert.That(Five.Select(l => Status(pending, l)), Is.All.EqualTo("pending"));
            }
        }

        CliRun translate = await CliRun.RunAsync("translate", "--pending", "--config", withTranslator, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(path));
        LoopbackTranslatorRequest request = _translator.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(translate.ExitCode, Is.Zero, translate.ToString());
            Assert.That(translate.Output, Does.Contain("records 1, languages translated 5"));
            Assert.That(Five.Select(l => Status(record, l)), Is.All.EqualTo("translated"));
            Assert.That(Status(record, "en"), Is.EqualTo("original"));
            Assert.That(request.QueryValues("from"), Is.EqualTo(new[] { "en" }));
            Assert.That(request.QueryValues("to"), Is.EquivalentTo(Five));
            Assert.That(string.Join("\n", request.Texts), Does.Not.Contain("Floods in the delta"), "boilerplate is never sent");
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    private string Out => _folder.Combine("out");

    private string Config(string prefix, object settings)
    {
        string path = _folder.Combine(prefix + "appsettings.json");
        using JsonDocument network = JsonDocument.Parse(JsonSerializer.Serialize(new { Network = new { AllowPrivateAddresses = true, DelaySeconds = 0 } }));
        using JsonDocument rest = JsonDocument.Parse(JsonSerializer.Serialize(settings));
        var merged = network.RootElement.EnumerateObject().Concat(rest.RootElement.EnumerateObject()).ToDictionary(p => p.Name, p => p.Value);
        File.WriteAllText(path, JsonSerializer.Serialize(merged));
        return path;
    }

    private static string Status(JsonDocument record, string language) =>
        record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("status").GetString()!;

    private static string Text(JsonDocument record, string language) =>
        string.Join("\n", record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("content").GetProperty("blocks")
            .EnumerateArray().Select(b => b.GetProperty("text").GetString()));
}
