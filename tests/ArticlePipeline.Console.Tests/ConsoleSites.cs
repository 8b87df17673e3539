using System.Net;
using System.Text;
using System.Text.Json;
using ArticlePipeline.Cli;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.OperatorConsole.Tests;

/// <summary>
/// Two loopback newspapers crawled once by the real command line with the loopback Translator: the offline sample
/// (<see cref="SampleId"/>) and a generated one (<see cref="GeneratedId"/>) that also carries one hostile article whose
/// title and first paragraph are script injections.
/// </summary>
internal sealed class ConsoleSites : IAsyncDisposable
{
    public const string SampleId = "songhau";
    public const string GeneratedId = "songhau-b";
    public const string HostileSlug = "tin-doc-hai-a6000";

    /// <summary>What the hostile page's title and first paragraph start with, as text (the page carries it HTML-escaped).</summary>
    public const string Injection = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>";

    private const string TemplateTitle = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private readonly TempDirectory _folder;
    private readonly LoopbackNewsSite _sample;
    private readonly LoopbackNewsSite _generated;
    private readonly LoopbackTranslator _translator;

    private ConsoleSites(TempDirectory folder, LoopbackNewsSite sample, LoopbackNewsSite generated, LoopbackTranslator translator, string sourcesFile, string config)
    {
        _folder = folder;
        _sample = sample;
        _generated = generated;
        _translator = translator;
        SourcesFile = sourcesFile;
        Config = config;
    }

    public string Out => _folder.Combine("out");

    public string SourcesFile { get; }

    public string Config { get; }

    public string CrawlOutput { get; private set; } = "";

    public static async Task<ConsoleSites> StartAsync()
    {
        var folder = new TempDirectory();
        string generatedFolder = folder.Combine("site-b");
        GeneratedSite.Write(generatedFolder, 4, GeneratedId);
        WriteHostilePage(generatedFolder);
        var sample = await LoopbackNewsSite.StartAsync(Path.Combine(SharedData.RepositoryRoot, "samples", "site"));
        var generated = await LoopbackNewsSite.StartAsync(generatedFolder);
        var translator = await LoopbackTranslator.StartAsync("console-key");

        string sources = folder.Combine("sources.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = new object[]
            {
                new { id = SampleId, name = "Báo Sông Hậu", province = "Sông Hậu", homeUrl = sample.Url("index.html").AbsoluteUri, feeds = new[] { sample.Url("rss.xml").AbsoluteUri }, schedule = "0 0/30 * * * ?" },
                new { id = GeneratedId, name = "Báo Sông Hậu B", homeUrl = generated.Url("index.html").AbsoluteUri, feeds = new[] { generated.Url("rss.xml").AbsoluteUri }, schedule = "0 15 6 * * ?" },
            },
        }));
        string config = folder.Combine("appsettings.console.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Sources = new { File = sources },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = 0 },
            Translator = new { Provider = "azure", Endpoint = translator.Endpoint.AbsoluteUri, Key = "console-key", MaxRetries = 1, RetryDelay = "00:00:00.010" },
        }));
        return new ConsoleSites(folder, sample, generated, translator, sources, config);
    }

    /// <summary>Runs <c>crawl --once</c> over both sources; fails the test when it does not exit with 0.</summary>
    public async Task CrawlAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CliApplication.RunAsync(["crawl", "--once", "--config", Config, "--out", Out], output, error);
        CrawlOutput = output + "\n" + error;
        Assert.That(exit, Is.Zero, CrawlOutput);
    }

    /// <summary>The record files written for <paramref name="sourceId"/>.</summary>
    public string[] RecordFiles(string sourceId)
    {
        string folder = Path.Combine(Out, "records", sourceId);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories) : [];
    }

    public async ValueTask DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _generated.DisposeAsync();
        await _translator.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>The sample's first article with the injection in its title and first paragraph, listed in the feed.</summary>
    private static void WriteHostilePage(string folder)
    {
        string template = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html"));
        string page = template.Replace("nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001", HostileSlug, StringComparison.Ordinal);

        // In HTML the injection is escaped, so the text the extractor reads is the injection itself; in the JSON-LD
        // block it is JSON-escaped for the same reason.
        int ldStart = page.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal);
        int ldEnd = page.IndexOf("</script>", ldStart, StringComparison.Ordinal);
        string Hostile(string text, bool json) => text.Replace(TemplateTitle, (json ? JsonEncodedText.Encode(Injection).ToString() : WebUtility.HtmlEncode(Injection)) + " Tân Hậu", StringComparison.Ordinal);
        page = Hostile(page[..ldStart], false) + Hostile(page[ldStart..ldEnd], true) + Hostile(page[ldEnd..], false);
        page = page.Replace("<p>Theo Phòng Nông nghiệp", "<p>" + WebUtility.HtmlEncode(Injection) + " Theo Phòng Nông nghiệp", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "tin-tuc", HostileSlug + ".html"), page, new UTF8Encoding(false));
        string rss = File.ReadAllText(Path.Combine(folder, "rss.xml"));
        File.WriteAllText(Path.Combine(folder, "rss.xml"), rss.Replace("</channel>", $"<item><title>x</title><link>tin-tuc/{HostileSlug}.html</link></item></channel>", StringComparison.Ordinal));
    }
}
