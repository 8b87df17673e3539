using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Editions;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 17 through the command line: a publisher links the Russian edition of its Vietnamese article, a mirror
/// republishes it in Ukrainian, Romanian and Thai naming the original, and a second article links a Russian page that
/// is another story. The record takes ru from the publisher and uk/ro/th from the mirror, each with its origin and
/// page; the decoy is refused and machine-translated; people come from the original only; with the mirror down the
/// machine fills those languages. The same in <c>crawl --once</c>, <c>run</c> and <c>rerun</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue17EditionsTests
{
    private const string Key = "editions-test-key";
    private static readonly string[] MirrorLanguages = ["uk", "ro", "th"];

    private LoopbackNewsSite _publisher = null!;
    private LoopbackNewsSite _mirror = null!;
    private LoopbackTranslator _translator = null!;
    private TempDirectory _folder = null!;
    private EditionSites _sites = null!;

    [SetUp]
    public async Task SetUp()
    {
        _publisher = await LoopbackNewsSite.StartAsync();
        _mirror = await LoopbackNewsSite.StartAsync();
        _translator = await LoopbackTranslator.StartAsync(Key);
        _folder = new TempDirectory();
        _sites = EditionSites.Publish(_publisher, _mirror);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _publisher.DisposeAsync();
        await _mirror.DisposeAsync();
        await _translator.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task CrawlOnce_PublisherEditionAndMirrorCopies_FillTheOriginalsRecord_DecoyRefused_NothingOfTheOriginalBilled()
    {
        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", Config(mirror: true), "--out", Out);

        using JsonDocument record = ReadRecord(_sites.Original);
        using JsonDocument decoyRecord = ReadRecord(_sites.DecoyOriginal);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
            AssertEditions(record, mirrored: true);
            Assert.That(Origin(decoyRecord, "ru"), Is.EqualTo("machine"), "the decoy is refused: the machine translates ru");
            Assert.That(decoyRecord.RootElement.GetProperty("languages").GetProperty("ru").TryGetProperty("originUrl", out _), Is.False);
            Assert.That(crawl.Error + crawl.Output, Does.Contain($"edition refused: {_sites.Decoy.AbsoluteUri} as ru"));
            Assert.That(crawl.Error + crawl.Output, Does.Contain("languages from publishers 1, from mirrors 3"));
            Assert.That(Directory.Exists(Path.Combine(Out, "records", "mirror")), Is.False, "a mirror copy never becomes a record of its own");
            Assert.That(TranslatedTexts(), Does.Not.Contain(EditionSites.DistinctiveSentences["vi"]), "the original, fully covered by editions, is never sent to the translator");
        }

        await TestContext.Out.WriteLineAsync(string.Join("\n", (crawl.Error + crawl.Output).Split('\n').Where(l => l.StartsWith("languages from", StringComparison.Ordinal) || l.StartsWith("sources", StringComparison.Ordinal))));
        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
        RecordAssert.ManifestMatchesFiles(Out);
    }

    [Test]
    public async Task CrawlOnce_FeedListingOnlyTheRussianEdition_GivesOneRecordOfTheVietnameseOriginal_WithRuFromThePublisher()
    {
        // Sitemaps and feeds list the editions too: a Russian page must not become a record of its own, but fill the
        // record of the Vietnamese article it links (fetched for it here, as the feed has not listed it yet).
        var published = new DateTimeOffset(2025, 6, 23, 16, 45, 0, TimeSpan.FromHours(7));
        _publisher.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss([(_sites.RussianEdition, published)])) with { ContentType = "application/rss+xml" });

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", Config(mirror: false), "--out", Out);

        string[] records = Directory.GetFiles(Path.Combine(Out, "records"), "*.json", SearchOption.AllDirectories);
        using JsonDocument record = ReadRecord(_sites.Original);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
            Assert.That(records, Has.Length.EqualTo(1), "the edition fills the original's record");
            Assert.That(record.RootElement.GetProperty("sourceLanguage").GetString(), Is.EqualTo("vi"));
            Assert.That(Origin(record, "ru"), Is.EqualTo("publisher"));
            Assert.That(OriginUrl(record, "ru"), Is.EqualTo(_sites.RussianEdition.AbsoluteUri));
            Assert.That(_publisher.Requests.Count(r => r.Path == _sites.RussianEdition.AbsolutePath), Is.EqualTo(1), "the edition in hand is not fetched again");
            Assert.That(_publisher.Requests.Count(r => r.Path == EditionSites.OriginalPath), Is.EqualTo(1));
            Assert.That(TranslatedTexts(), Does.Not.Contain(EditionSites.DistinctiveSentences["ru"]), "the edition is never machine-translated");
        }
    }

    [Test]
    public async Task CrawlOnce_MirrorNamingAPaperNotConfigured_FailsItsPagesAndWritesNoAdhocDuplicate()
    {
        string config = Config(mirror: true);
        string sources = File.ReadAllText(_folder.Combine("sources.json"));
        using (JsonDocument all = JsonDocument.Parse(sources))
        {
            // Only the mirror is configured: the paper its source lines name is not.
            File.WriteAllText(_folder.Combine("sources.json"), JsonSerializer.Serialize(new { sources = all.RootElement.GetProperty("sources").EnumerateArray().Where(s => s.GetProperty("mirror").ValueKind == JsonValueKind.True).ToArray() }));
        }

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", Out);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.Output + crawl.Error, Does.Contain("original-not-configured 3"));
            Assert.That(Directory.Exists(Path.Combine(Out, "records")) ? Directory.GetFiles(Path.Combine(Out, "records"), "*.json", SearchOption.AllDirectories) : [], Is.Empty);
            Assert.That(_publisher.Requests.Count(r => r.Path == EditionSites.OriginalPath), Is.Zero, "a paper nobody configured is not fetched");
        }
    }

    [Test]
    public async Task CrawlOnce_MirrorDown_TheMachineFillsUkRoThAndThePublishersRuStays()
    {
        // Down: every page of the mirror answers 503.
        _mirror.Fallback = _ => SiteResponse.StatusOnly(503);
        foreach (string path in _mirror.Requests.Select(r => r.Path).Append("/rss.xml").Append("/").Concat(_sites.MirrorPages.Values.Select(u => u.AbsolutePath)))
        {
            _mirror.Set(path, SiteResponse.StatusOnly(503));
        }

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", Config(mirror: true), "--out", Out);

        using JsonDocument record = ReadRecord(_sites.Original);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Origin(record, "ru"), Is.EqualTo("publisher"));
            Assert.That(MirrorLanguages.Select(l => Origin(record, l)), Is.All.EqualTo("machine"));
            Assert.That(MirrorLanguages.Select(l => Status(record, l)), Is.All.EqualTo("translated"));
            Assert.That(Authors(record), Is.EqualTo(new[] { EditionSites.OriginalAuthor }));
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    [Test]
    public async Task Rerun_OriginalThenMirrorPage_MirrorReplacesTheMachineAsANewRevision_AndTheOriginalIsNotFetchedAgain()
    {
        string config = Config(mirror: true);

        CliRun original = await CliRun.RunAsync("rerun", _sites.Original.AbsoluteUri, "--config", config, "--out", Out);
        string path = original.Output.Trim();
        using (JsonDocument first = JsonDocument.Parse(File.ReadAllBytes(path)))
        {
            Assert.That(original.ExitCode, Is.Zero, original.ToString());
            Assert.That(Origin(first, "ru"), Is.EqualTo("publisher"));
            Assert.That(MirrorLanguages.Select(l => Origin(first, l)), Is.All.EqualTo("machine"), "no mirror known yet");
        }

        int originalFetches = _publisher.Requests.Count(r => r.Path == EditionSites.OriginalPath);
        CliRun copy = await CliRun.RunAsync("rerun", _sites.MirrorPages["uk"].AbsoluteUri, "--config", config, "--out", Out);

        using JsonDocument merged = JsonDocument.Parse(File.ReadAllBytes(path));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.ExitCode, Is.Zero, copy.ToString());
            Assert.That(copy.Output.Trim(), Is.EqualTo(path), "the mirror page's outcome is the original's record");
            Assert.That(copy.Error, Does.Contain("info: languages from publishers 0, from mirrors 3, from the machine 0"));
            Assert.That(merged.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2));
            AssertEditions(merged, mirrored: true);
            Assert.That(_publisher.Requests.Count(r => r.Path == EditionSites.OriginalPath), Is.EqualTo(originalFetches), "the archive had the original: not fetched again");
        }

        // A machine translation never replaces an edition: rerunning the original keeps every one of them.
        CliRun again = await CliRun.RunAsync("rerun", _sites.Original.AbsoluteUri, "--config", config, "--out", Out, "--force");
        using JsonDocument after = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        AssertEditions(after, mirrored: true);
        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    [Test]
    public async Task CrawlOnce_PublisherEditionPublishedLater_ReplacesTheMachineTranslationAsRevisionTwo_WithoutTranslatingAgain()
    {
        // First pass: the Russian edition is not out yet; the page links nothing and /ru/ answers 404.
        string withLink = System.Text.Encoding.UTF8.GetString(await new HttpClient().GetByteArrayAsync(_sites.Original));
        string withoutLink = System.Text.RegularExpressions.Regex.Replace(withLink, "<link[^>]+hreflang[^>]*>|<a[^>]+hreflang[^>]*>[^<]*</a>", string.Empty);
        byte[] edition = await new HttpClient().GetByteArrayAsync(_sites.RussianEdition);
        _publisher.Set(EditionSites.OriginalPath, SiteResponse.Html(withoutLink));
        _publisher.Set(_sites.RussianEdition.AbsolutePath, SiteResponse.StatusOnly(404));
        string config = Config(mirror: false);

        CliRun first = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", Out);
        using (JsonDocument before = ReadRecord(_sites.Original))
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(Origin(before, "ru"), Is.EqualTo("machine"));
        }

        // Then the publisher puts the edition out and links it.
        _publisher.Set(EditionSites.OriginalPath, SiteResponse.Html(withLink));
        _publisher.Set(_sites.RussianEdition.AbsolutePath, new SiteResponse(edition));
        _translator.ClearRequests();
        CliRun second = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", Out);

        using JsonDocument after = ReadRecord(_sites.Original);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(after.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2));
            Assert.That(Origin(after, "ru"), Is.EqualTo("publisher"));
            Assert.That(Title(after, "ru"), Is.EqualTo(EditionSites.RussianTitle));
            Assert.That(MirrorLanguages.Select(l => Origin(after, l)), Is.All.EqualTo("machine"), "the other languages keep their translations");
            Assert.That(TranslatedTexts(), Does.Not.Contain(EditionSites.DistinctiveSentences["vi"]), "nothing of the unchanged original is translated again");
        }
    }

    [Test]
    public async Task Run_ScheduledPublisherAndMirror_EndWithTheSameRecordAsCrawlOnce()
    {
        string config = Config(mirror: true, schedule: "0/2 * * * * ?");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(9));
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await ArticlePipeline.Cli.CliApplication.RunAsync(["run", "--config", config, "--out", Out], output, error, stop.Token);

        using JsonDocument record = ReadRecord(_sites.Original);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero, error.ToString());
            AssertEditions(record, mirrored: true);
            Assert.That(error.ToString(), Does.Contain("from mirrors 3"), "a source run's log line says where its languages came from");
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    [Test]
    public async Task CrawlOnce_EditionRuleWithoutLinks_FindsThePublishersRuEditionByItsUrlPrefix()
    {
        // The same article without its hreflang link or language switch: only the source's /ru/ rule names the edition.
        string html = System.Text.Encoding.UTF8.GetString((await new HttpClient().GetByteArrayAsync(_sites.Original)).AsSpan());
        html = System.Text.RegularExpressions.Regex.Replace(html, "<link[^>]+hreflang[^>]*>|<a[^>]+hreflang[^>]*>[^<]*</a>", string.Empty);
        _publisher.Set(EditionSites.OriginalPath, SiteResponse.Html(html));

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", Config(mirror: false, ruRule: true), "--out", Out);

        using JsonDocument record = ReadRecord(_sites.Original);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
            Assert.That(html, Does.Not.Contain("hreflang"));
            Assert.That(Origin(record, "ru"), Is.EqualTo("publisher"));
            Assert.That(OriginUrl(record, "ru"), Is.EqualTo(_sites.RussianEdition.AbsoluteUri));
        }
    }

    private void AssertEditions(JsonDocument record, bool mirrored)
    {
        Assert.That(Origin(record, "ru"), Is.EqualTo("publisher"));
        Assert.That(OriginUrl(record, "ru"), Is.EqualTo(_sites.RussianEdition.AbsoluteUri));
        Assert.That(Title(record, "ru"), Is.EqualTo(EditionSites.RussianTitle));
        Assert.That(Text(record, "ru"), Does.Contain(EditionSites.DistinctiveSentences["ru"]));
        Assert.That(Authors(record), Is.EqualTo(new[] { EditionSites.OriginalAuthor }), "people come from the original only");
        Assert.That(record.RootElement.GetRawText(), Does.Not.Contain("ซื่อสัตย์"), "the Thai mirror's byline, a word, is never a name");
        Assert.That(Status(record, "vi"), Is.EqualTo("original"));
        Assert.That(record.RootElement.GetProperty("languages").GetProperty("ru").GetProperty("match").GetProperty("alignment").GetArrayLength(), Is.GreaterThan(0));
        if (mirrored)
        {
            foreach (string language in MirrorLanguages)
            {
                Assert.That(Origin(record, language), Is.EqualTo("mirror"), language);
                Assert.That(OriginUrl(record, language), Is.EqualTo(_sites.MirrorPages[language].AbsoluteUri), language);
                Assert.That(Text(record, language), Does.Contain(EditionSites.DistinctiveSentences[language]), language);
                Assert.That(Title(record, language), Is.EqualTo(EditionSites.MirrorTitles[language]), language);
            }
        }
    }

    private string Config(bool mirror, string? schedule = null, bool ruRule = false)
    {
        var sources = new List<object>
        {
            new
            {
                id = "song-hau",
                name = EditionSites.Paper,
                homeUrl = _publisher.Url("/").AbsoluteUri,
                feeds = new[] { _sites.PublisherFeed.AbsoluteUri },
                schedule = schedule ?? "0 0/30 * * * ?",
                mirror = false,
                editions = ruRule ? new[] { new { language = "ru", urlPrefix = _publisher.Url("/ru/").AbsoluteUri } } : [],
            },
        };
        if (mirror)
        {
            sources.Add(new
            {
                id = "mirror",
                name = "Mirror",
                homeUrl = _mirror.Url("/").AbsoluteUri,
                feeds = new[] { _sites.MirrorFeed.AbsoluteUri },
                schedule = schedule ?? "0 0/30 * * * ?",
                mirror = true,
                editions = Array.Empty<object>(),
            });
        }

        string file = _folder.Combine("sources.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { sources }));
        return CliRun.WriteLoopbackConfig(_folder, "appsettings.json", new
        {
            Sources = new { File = file },
            Translator = new { Provider = "azure", Endpoint = _translator.Endpoint.AbsoluteUri, Key, MaxRetries = 1 },
            Scheduler = new { HealthIntervalSeconds = 1, GracePeriodSeconds = 0.5 },

            // Every pass looks at every page again (issue 13's revisit schedule would wait an hour): these tests
            // change the sites between passes.
            Crawl = new { RevisitSchedule = "0s x1000" },
        });
    }

    private string Out => _folder.Combine("out");

    private JsonDocument ReadRecord(Uri article)
    {
        string[] files = Directory.GetFiles(Path.Combine(Out, "records"), "*.json", SearchOption.AllDirectories);
        string path = files.Single(f =>
        {
            using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(f));
            return record.RootElement.GetProperty("url").GetString() == article.AbsoluteUri;
        });
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }

    private string TranslatedTexts() => string.Join("\n", _translator.Requests.SelectMany(r => r.Texts));

    private static JsonElement Language(JsonDocument record, string language) =>
        record.RootElement.GetProperty("languages").GetProperty(language);

    private static string Status(JsonDocument record, string language) => Language(record, language).GetProperty("status").GetString()!;

    private static string? Origin(JsonDocument record, string language) =>
        Language(record, language).TryGetProperty("origin", out JsonElement origin) ? origin.GetString() : null;

    private static string? OriginUrl(JsonDocument record, string language) =>
        Language(record, language).TryGetProperty("originUrl", out JsonElement url) ? url.GetString() : null;

    private static string Title(JsonDocument record, string language) =>
        Language(record, language).GetProperty("content").GetProperty("title").GetString()!;

    private static string Text(JsonDocument record, string language) =>
        string.Join("\n", Language(record, language).GetProperty("content").GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("text").GetString()));

    private static string[] Authors(JsonDocument record) =>
        [.. record.RootElement.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!)];
}
