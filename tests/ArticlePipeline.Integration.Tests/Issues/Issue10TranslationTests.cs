using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, items 11 and 13, against the loopback Translator: a <c>translate --pending</c> killed mid-run re-sends
/// nothing that was already answered (the memory is saved per request), and an answer that echoes the key is never
/// stored anywhere (records, state database, memory): that language stays pending with a reason naming the setting.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue10TranslationTests
{
    private const string Key = "echo-secret-key-5f0c8e2a";

    private LoopbackNewsSite _site = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task TranslatePending_KilledMidRun_RerunSendsNoTextThatWasAlreadyAnswered()
    {
        Issue10Files.PublishDistinct(_site, 40);
        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", CrawlConfig(), "--out", Out);
        Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
        var options = new LoopbackTranslatorOptions { ResponseDelay = TimeSpan.FromSeconds(2) };
        await using LoopbackTranslator translator = await LoopbackTranslator.StartAsync(Key, options);
        string config = TranslatorConfig(translator);

        using (ChildCli killed = ChildCli.Start(_folder.Path, "translate", "--pending", "--config", config, "--out", Out))
        {
            // Requests go one at a time: when the third arrives, the first two have been answered and handled.
            DateTime until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (translator.Requests.Count < 3)
            {
                Assert.That(DateTime.UtcNow < until && !killed.HasExited, Is.True, "the run reached its third request: " + killed.Log);
                await Task.Delay(10);
            }

            killed.Kill();
            killed.WaitForExit(TimeSpan.FromMinutes(1));
        }

        HashSet<string> answered = [.. translator.Requests.Where(r => r.Sequence < 3).SelectMany(r => r.Texts)];
        int before = translator.Requests.Count;
        options.ResponseDelay = TimeSpan.Zero;

        CliRun rerun = await CliRun.RunAsync("translate", "--pending", "--config", config, "--out", Out);

        string[] resent = [.. translator.Requests.Skip(before).SelectMany(r => r.Texts).Where(answered.Contains)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answered, Is.Not.Empty);
            Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
            Assert.That(resent, Is.Empty, $"{resent.Length} already answered texts were sent (and billed) again");
            Assert.That(translator.Requests.Count, Is.GreaterThan(before), "the rest was translated");
        }

        foreach (string record in Issue10Files.Records(Out))
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(record));
            Assert.That(Status(json, "uk"), Is.EqualTo("translated"), record);
        }
    }

    [Test]
    public async Task Crawl_TranslatorEchoesTheKey_KeyIsStoredNowhereAndTheLanguagesFail()
    {
        SiteContent.Publish(_site, 0, 3);
        await using LoopbackTranslator translator = await LoopbackTranslator.StartAsync(Key, new LoopbackTranslatorOptions { EchoRequestHeaders = true });
        string config = Issue10Files.Config(_folder, "echo", new
        {
            Sources = new { File = Issue10Files.Sources(_folder, "echo", Issue10Files.FeedSource("echo", _site)) },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 },
            Translator = new { Provider = "azure", Endpoint = translator.Endpoint.AbsoluteUri, Key, MaxRetries = 0 },
        });

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", Out);
        CliRun translate = await CliRun.RunAsync("translate", "--pending", "--config", config, "--out", Out);

        string[] records = Issue10Files.Records(Out);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(translator.Requests.Any(r => r.Texts.Count > 0), Is.True, "the service was asked");
            Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
            Assert.That(records, Has.Length.EqualTo(3), "the articles are still written");
            Assert.That(Issue10Files.FilesContaining(Out, Key), Is.Empty, "the key is in no record, manifest or state file");
            Assert.That(crawl.Output + crawl.Error + translate.Output + translate.Error, Does.Not.Contain(Key));
            Assert.That(translate.ExitCode, Is.EqualTo(1), translate.ToString());
            Assert.That(translate.Output, Does.Contain("refused 12"));
            foreach (string record in records)
            {
                using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(record));
                Assert.That(Status(json, "vi"), Is.EqualTo("original"));
                Assert.That(Status(json, "uk"), Is.EqualTo("failed"), record);
                Assert.That(json.RootElement.GetProperty("languages").GetProperty("uk").GetProperty("reason").GetString(), Does.Contain("Translator:Key"));
            }
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    private string Out => _folder.Combine("out");

    private string CrawlConfig() => Issue10Files.Config(_folder, "crawl", new
    {
        Sources = new { File = Issue10Files.Sources(_folder, "kill", Issue10Files.FeedSource("kill", _site)) },
        Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 },
    });

    private string TranslatorConfig(LoopbackTranslator translator) => Issue10Files.Config(_folder, "translate", new
    {
        Translator = new { Provider = "azure", Endpoint = translator.Endpoint.AbsoluteUri, Key, MaxRetries = 0 },
    });

    private static string Status(JsonDocument record, string language) =>
        record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("status").GetString()!;
}
