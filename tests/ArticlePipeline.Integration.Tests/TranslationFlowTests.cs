using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Integration.Tests;

/// <summary>
/// Languages left pending (no translator, or a translator that is down) are filled later by
/// <c>translate --pending</c>; nothing is lost and nothing is billed twice; any record language can be the source.
/// </summary>
[TestFixture]
public sealed class TranslationFlowTests
{
    private const string ArticlePath = "tin-tuc/nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html";
    private static readonly string[] Others = ["uk", "ru", "ro", "th"];

    private LoopbackNewsSite _site = null!;
    private LoopbackTranslator _translator = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync(Path.Combine(SharedData.RepositoryRoot, "samples", "site"));
        _translator = await LoopbackTranslator.StartAsync("flow-key");
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
    public async Task TranslatePending_AfterRunWithoutTranslator_FillsEveryLanguageOnce()
    {
        string withoutTranslator = Config("none-", new { Translator = new { Provider = "none" } });
        string withTranslator = Config("azure-", TranslatorSettings());
        CliRun rerun = await CliRun.RunAsync("rerun", _site.Url(ArticlePath).AbsoluteUri, "--config", withoutTranslator, "--out", Out);

        CliRun first = await CliRun.RunAsync("translate", "--pending", "--config", withTranslator, "--out", Out);
        CliRun second = await CliRun.RunAsync("translate", "--pending", "--config", withTranslator, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(rerun.Output.Trim()));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(first.Output, Does.Contain("records 1, languages translated 4"));
            Assert.That(record.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2));
            foreach (string language in Others)
            {
                Assert.That(Status(record, language), Is.EqualTo("translated"), language);
            }

            Assert.That(second.Output, Does.Contain("records 0"), "nothing is left pending, nothing is billed twice");
            Assert.That(_translator.Requests, Has.Count.EqualTo(1));
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    [Test]
    public async Task Rerun_TranslatorDown_WritesRecordPendingThenTranslatePendingRecovers()
    {
        string config = Config("azure-", TranslatorSettings());
        // One request and one retry (MaxRetries = 1), both failing: the translator is down for this run.
        _translator.FailNext(2, 500, 500000);

        CliRun rerun = await CliRun.RunAsync("rerun", _site.Url(ArticlePath).AbsoluteUri, "--config", config, "--out", Out);
        using (JsonDocument pending = JsonDocument.Parse(File.ReadAllBytes(rerun.Output.Trim())))
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(rerun.ExitCode, Is.Zero, "the article is written even though translation failed: " + rerun);
                Assert.That(Status(pending, "vi"), Is.EqualTo("original"));
                Assert.That(Status(pending, "uk"), Is.EqualTo("pending"));
                Assert.That(pending.RootElement.GetProperty("languages").GetProperty("uk").GetProperty("reason").GetString(), Does.Contain("translation failed"));
                Assert.That(rerun.Output + rerun.Error, Does.Not.Contain("flow-key"));
            }
        }

        CliRun recovered = await CliRun.RunAsync("translate", "--pending", "--config", config, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(rerun.Output.Trim()));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recovered.ExitCode, Is.Zero, recovered.ToString());
            foreach (string language in Others)
            {
                Assert.That(Status(record, language), Is.EqualTo("translated"), language);
            }
        }
    }

    [Test]
    public async Task TranslatePending_TranslatorStillDown_ExitsOneAndKeepsThePendingList()
    {
        string withoutTranslator = Config("none-", new { Translator = new { Provider = "none" } });
        string withTranslator = Config("azure-", TranslatorSettings());
        await CliRun.RunAsync("rerun", _site.Url(ArticlePath).AbsoluteUri, "--config", withoutTranslator, "--out", Out);
        _translator.FailNext(2, 503, 503000);

        CliRun failed = await CliRun.RunAsync("translate", "--pending", "--config", withTranslator, "--out", Out);
        CliRun later = await CliRun.RunAsync("translate", "--pending", "--config", withTranslator, "--out", Out);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.ExitCode, Is.EqualTo(1), failed.ToString());
            Assert.That(failed.Error, Does.Contain("stays pending"));
            Assert.That(later.Output, Does.Contain("records 1, languages translated 4"), "the record was still listed");
        }
    }

    [Test]
    public async Task TranslatePending_NoTranslatorConfigured_ExitsTwo()
    {
        CliRun run = await CliRun.RunAsync("translate", "--pending", "--config", Config("none-", new { Translator = new { Provider = "none" } }), "--out", Out);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("no translator configured"));
        }
    }

    [Test]
    public async Task Rerun_RussianPage_KeepsRussianAsOriginalAndTranslatesTheOtherFourIncludingVietnamese()
    {
        _site.Set("/ru/statya.html", SiteResponse.Html("""
            <!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Уборка риса началась раньше срока</title></head>
            <body><header><nav><a href="/">Главная</a> <a href="/news">Новости</a></nav></header>
            <article><h1>Уборка риса началась раньше срока</h1>
            <div class="content">
            <p>В последние дни июня крестьяне уезда Танхау начали уборку летне-осеннего риса, чтобы успеть до сезона паводков.</p>
            <p>По данным отдела сельского хозяйства, урожайность в этом году выше прошлогодней, а цены на рис остаются стабильными.</p>
            <p>Специалисты советуют не сжигать солому на полях, а использовать её для выращивания грибов или как корм для скота.</p>
            <p>Минь Дык</p>
            </div></article>
            <div class="related"><h3>Та же тема</h3><ul><li><a href="/a">Наводнение в дельте</a></li></ul></div>
            <div>Комментарий (0)</div>
            </body></html>
            """));
        string config = Config("azure-", TranslatorSettings());

        CliRun run = await CliRun.RunAsync("rerun", _site.Url("ru/statya.html").AbsoluteUri, "--config", config, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(run.Output.Trim()));
        LoopbackTranslatorRequest request = _translator.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(record.RootElement.GetProperty("sourceLanguage").GetString(), Is.EqualTo("ru"));
            Assert.That(Status(record, "ru"), Is.EqualTo("original"));
            foreach (string language in new[] { "vi", "uk", "ro", "th" })
            {
                Assert.That(Status(record, language), Is.EqualTo("translated"), language);
            }

            Assert.That(request.QueryValues("from"), Is.EqualTo(new[] { "ru" }));
            Assert.That(request.QueryValues("to"), Is.EquivalentTo(new[] { "vi", "uk", "ro", "th" }));
            Assert.That(record.RootElement.GetProperty("authors").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "Минь Дык" }));
            Assert.That(string.Join("\n", request.Texts), Does.Not.Contain("Минь Дык"), "bylines are never sent");
            Assert.That(string.Join("\n", request.Texts), Does.Not.Contain("Комментарий").And.Not.Contain("Наводнение"));
        }
    }

    [Test]
    public async Task Rerun_OneParagraphChanged_SendsOnlyThatParagraphAndUnchangedRerunSendsNothing()
    {
        string config = Config("azure-", TranslatorSettings());
        string html = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "samples", "site", ArticlePath));
        const string Original = "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu";
        const string Changed = "Theo báo cáo của Phòng Nông nghiệp và Môi trường huyện Tân Hậu";
        Assert.That(html, Does.Contain(Original));
        _site.Set("/changing-a1001.html", SiteResponse.Html(html));
        string url = _site.Url("changing-a1001.html").AbsoluteUri;

        CliRun first = await CliRun.RunAsync("rerun", url, "--config", config, "--out", Out);
        int afterFirst = _translator.Requests.Count;
        CliRun unchanged = await CliRun.RunAsync("rerun", url, "--config", config, "--out", Out);
        int afterUnchanged = _translator.Requests.Count;
        _site.Set("/changing-a1001.html", SiteResponse.Html(html.Replace(Original, Changed, StringComparison.Ordinal)));
        CliRun changed = await CliRun.RunAsync("rerun", url, "--config", config, "--out", Out);

        LoopbackTranslatorRequest last = _translator.Requests[^1];
        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(changed.Output.Trim()));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(afterFirst, Is.EqualTo(1), "one request for the whole article");
            Assert.That(afterUnchanged, Is.EqualTo(1), "an unchanged re-run sends nothing");
            Assert.That(_translator.Requests, Has.Count.EqualTo(2), "the changed article needs one more request");
            Assert.That(last.Texts, Has.Count.EqualTo(1), "only the changed paragraph is sent");
            Assert.That(last.Texts[0], Does.Contain("Theo báo cáo của Phòng"));
            Assert.That(changed.Error, Does.Contain("saved by memory"), "the run reports what the memory saved");
            Assert.That(record.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2));
            Assert.That(Status(record, "uk"), Is.EqualTo("translated"));
        }
    }

    private string Out => _folder.Combine("out");

    private object TranslatorSettings() => new
    {
        Translator = new { Provider = "azure", Endpoint = _translator.Endpoint.AbsoluteUri, Key = "flow-key", MaxRetries = 1, RetryDelay = "00:00:00.010" },
    };

    private string Config(string prefix, object settings) => CliRun.WriteLoopbackConfig(_folder, prefix + "appsettings.json", settings);

    private static string Status(JsonDocument record, string language) =>
        record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("status").GetString()!;
}
