using System.Text.Json;
using System.Text.Json.Nodes;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Testing.Warc;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 14 through the command line, against the loopback news site and translator: a page in a language outside
/// the five keeps its text and is translated into all five; every fetched article is kept in WARC files an independent
/// reader parses; <c>reprocess</c> re-extracts from them without the network after a profile change, writing only
/// what changed and billing only changed segments; <c>migrate</c> upgrades v1 records once.
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

    [Test]
    public async Task Rerun_HttpArticle_IsCapturedInAWarcFileThatWarcioReadsWithTheRecordsDigest()
    {
        string config = Config("none-", new { Translator = new { Provider = "none" } });
        Uri url = _site.Url("tin-tuc/nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html");

        CliRun rerun = await CliRun.RunAsync("rerun", url.AbsoluteUri, "--config", config, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(rerun.Output.Trim()));
        JsonElement capture = record.RootElement.GetProperty("capture");
        string warc = Path.Combine(Out, capture.GetProperty("warcFile").GetString()!);
        List<WarcioRecord> read = await WarcioJs.ReadAsync(Directory.GetFiles(Path.Combine(Out, "warc"), "*.warc.gz"));
        WarcioRecord response = read.Single(r => r.Type == "response");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
            Assert.That(record.RootElement.GetProperty("fetchedUrl").GetString(), Is.EqualTo(url.AbsoluteUri));
            Assert.That(File.Exists(warc), Is.True, warc);
            Assert.That(read.Select(r => r.Type), Is.EquivalentTo(new[] { "warcinfo", "response", "request" }));
            Assert.That(response.Uri, Is.EqualTo(url.AbsoluteUri));
            Assert.That(response.Offset, Is.EqualTo(capture.GetProperty("offset").GetInt64()));
            Assert.That(response.PayloadSha1, Is.EqualTo(capture.GetProperty("digest").GetString()), "the payload hashes to the digest the record names");
            Assert.That(response.PayloadLength, Is.EqualTo(File.ReadAllBytes(Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html")).Length));
        }
    }

    [Test]
    public async Task CrawlOnce_WithDiscoveryCapture_EveryRecordNamesAResponseWarcioReadsAndReprocessFindsNothingChanged()
    {
        string sources = _folder.Combine("crawl-sources.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = new[] { new { id = "songhau", name = "Báo Sông Hậu", homeUrl = _site.Url("").AbsoluteUri, feeds = new[] { _site.Url("rss.xml").AbsoluteUri } } },
        }));
        string config = Config("crawl-", new { Sources = new { File = sources }, Translator = new { Provider = "none" }, Output = new { WarcDiscovery = true } });

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", Out);
        CliRun reprocess = await CliRun.RunAsync("reprocess", "--dry-run", "--source", "songhau", "--config", config, "--out", Out);

        string[] records = Directory.GetFiles(Path.Combine(Out, "records"), "*.json", SearchOption.AllDirectories);
        List<WarcioRecord> read = await WarcioJs.ReadAsync(Directory.GetFiles(Path.Combine(Out, "warc"), "*.warc.gz"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
            Assert.That(records, Has.Length.EqualTo(6));
            foreach (string path in records)
            {
                using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(path));
                JsonElement capture = record.RootElement.GetProperty("capture");
                string file = Path.GetFullPath(Path.Combine(Out, capture.GetProperty("warcFile").GetString()!));
                WarcioRecord? response = read.SingleOrDefault(r => Path.GetFullPath(r.File) == file && r.Offset == capture.GetProperty("offset").GetInt64());
                Assert.That(response?.Type, Is.EqualTo("response"), path);
                Assert.That(response?.PayloadSha1, Is.EqualTo(capture.GetProperty("digest").GetString()), path);
                Assert.That(response?.Uri, Is.EqualTo(record.RootElement.GetProperty("fetchedUrl").GetString()), path);
            }

            Assert.That(read.Where(r => r.Type == "response").Select(r => r.Uri), Does.Contain(_site.Url("rss.xml").AbsoluteUri), "Output:WarcDiscovery keeps the feed too");
            Assert.That(read.Count(r => r.Type == "request"), Is.EqualTo(read.Count(r => r.Type == "response")), "every response has its request");
            Assert.That(reprocess.Output, Does.Contain("examined 6, would change 0, unchanged 6, failed 0, without capture 0"), reprocess.ToString());
        }
    }

    [Test]
    public async Task Reprocess_AfterAProfileChange_WritesRevisionTwoOnlyForTheAffectedRecordAndBillsOnlyTheChangedParagraph()
    {
        _site.Set("/bai/a1.html", SiteResponse.Html(Article("Nông dân Tân Hậu thu hoạch lúa sớm", "Nông dân huyện Tân Hậu thu hoạch lúa hè thu sớm để tránh lũ đầu mùa.", """Giá lúa tươi tại ruộng tăng nhẹ <span class="chen-quang-cao">Quảng cáo: vay vốn lãi suất thấp</span> so với cùng kỳ năm trước.""")));
        _site.Set("/bai/a2.html", SiteResponse.Html(Article("Khánh thành điểm trường mới", "Hơn 400 học sinh vùng ven sông có phòng học kiên cố từ năm học mới.", "Điểm trường được xây dựng bằng nguồn vốn xã hội hóa và ngân sách tỉnh.")));
        string before = Config("before-", TranslatorWithSources(drop: []));
        string after = Config("after-", TranslatorWithSources(drop: [".chen-quang-cao"]));
        CliRun first = await CliRun.RunAsync("rerun", _site.Url("bai/a1.html").AbsoluteUri, "--config", before, "--out", Out);
        CliRun second = await CliRun.RunAsync("rerun", _site.Url("bai/a2.html").AbsoluteUri, "--config", before, "--out", Out);
        int requestsBefore = _translator.Requests.Count;
        int fetchesBefore = _site.Requests.Count;

        CliRun dryRun = await CliRun.RunAsync("reprocess", "--dry-run", "--config", after, "--out", Out);
        CliRun reprocess = await CliRun.RunAsync("reprocess", "--config", after, "--out", Out);
        CliRun again = await CliRun.RunAsync("reprocess", "--config", after, "--out", Out);

        using JsonDocument changed = JsonDocument.Parse(File.ReadAllBytes(first.Output.Trim()));
        using JsonDocument untouched = JsonDocument.Parse(File.ReadAllBytes(second.Output.Trim()));
        LoopbackTranslatorRequest request = _translator.Requests[^1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode + second.ExitCode, Is.Zero, first + "\n" + second);
            Assert.That(dryRun.Output, Does.Contain("examined 2, would change 1, unchanged 1, failed 0, without capture 0"), dryRun.ToString());
            Assert.That(reprocess.ExitCode, Is.Zero, reprocess.ToString());
            Assert.That(reprocess.Output, Does.Contain("examined 2, changed 1, unchanged 1, failed 0, without capture 0"));
            Assert.That(again.Output, Does.Contain("changed 0, unchanged 2"), "a second reprocess changes nothing");
            Assert.That(changed.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(2));
            Assert.That(untouched.RootElement.GetProperty("revision").GetInt32(), Is.EqualTo(1));
            Assert.That(Text(changed, "vi"), Does.Not.Contain("Quảng cáo"));
            Assert.That(Text(changed, "uk"), Does.Not.Contain("Quảng cáo"), "the changed paragraph was translated again");
            Assert.That(_translator.Requests, Has.Count.EqualTo(requestsBefore + 1), "one request for the changed record");
            Assert.That(request.Texts, Has.Count.EqualTo(1), "only the changed paragraph is billed; the memory serves the rest");
            Assert.That(request.Texts[0], Does.Contain("Giá lúa tươi"));
            Assert.That(_site.Requests, Has.Count.EqualTo(fetchesBefore), "reprocess uses no network");
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    [Test]
    public async Task Reprocess_RecordsWithoutCapture_AreListedNotTouched()
    {
        string config = Config("none-", new { Translator = new { Provider = "none" }, Output = new { Warc = false } });
        CliRun rerun = await CliRun.RunAsync("rerun", _site.Url("tin-tuc/nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html").AbsoluteUri, "--config", config, "--out", Out);
        byte[] before = File.ReadAllBytes(rerun.Output.Trim());

        CliRun reprocess = await CliRun.RunAsync("reprocess", "--config", config, "--out", Out);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Directory.Exists(Path.Combine(Out, "warc")), Is.False, "Output:Warc=false keeps nothing");
            Assert.That(reprocess.ExitCode, Is.Zero, reprocess.ToString());
            Assert.That(reprocess.Output, Does.Contain("no capture: " + rerun.Output.Trim()));
            Assert.That(reprocess.Output, Does.Contain("examined 1, changed 0, unchanged 0, failed 0, without capture 1"));
            Assert.That(File.ReadAllBytes(rerun.Output.Trim()), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Migrate_V1Record_BecomesAValidV2RecordWithPeopleApartFromCreditsOnce()
    {
        string fixture = Path.Combine(SharedData.RepositoryRoot, "tests", "ArticlePipeline.Output.Tests", "Fixtures", "record-v1.json");
        string path = Path.Combine(Out, "records", "baotayninh", "4a", "4a23bfe367d393a7f53a.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(fixture, path);
        string config = Config("none-", new { Translator = new { Provider = "none" } });

        CliRun first = await CliRun.RunAsync("migrate", "--config", config, "--out", Out);
        byte[] migrated = File.ReadAllBytes(path);
        CliRun second = await CliRun.RunAsync("migrate", "--config", config, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(migrated);
        JsonElement root = record.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(first.Output, Does.Contain("migrate: examined 1, upgraded 1, already current 0, needs refetch 0, failed 0"));
            Assert.That(second.Output, Does.Contain("migrate: examined 1, upgraded 0, already current 1, needs refetch 0, failed 0"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(migrated), "a second migrate changes nothing");
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("revision").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("authors").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "Ngọc Lan" }));
            Assert.That(root.GetProperty("credits").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("kind").GetString())), Does.Contain(("TTXVN", "agency")));
            Assert.That(root.GetProperty("credits").GetRawText(), Does.Not.Contain("baotayninh"), "the site's own domain is neither author nor credit");
            Assert.That(root.GetProperty("images")[0].GetProperty("credit").GetString(), Is.EqualTo("Hoàng Yến"));
            Assert.That(root.GetProperty("fetchedUrl").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Text(record, "th"), Does.Contain("เกษตรกร"), "translations are kept");
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
        RecordAssert.ManifestMatchesFiles(Out);
    }

    [Test]
    public async Task TranslatePending_RecordWrittenByVersion1_IsRewrittenAsAValidV2RecordWithPeopleApartFromCredits()
    {
        string withoutTranslator = Config("none-", new { Translator = new { Provider = "none" } });
        string withTranslator = Config("azure-", new
        {
            Translator = new { Provider = "azure", Endpoint = _translator.Endpoint.AbsoluteUri, Key = "v2-key", MaxRetries = 1 },
        });
        CliRun rerun = await CliRun.RunAsync("rerun", _site.Url("tin-tuc/nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001.html").AbsoluteUri, "--config", withoutTranslator, "--out", Out);
        string path = rerun.Output.Trim();
        // The record as version 1 wrote it, still listed as pending: no v2 fields, an agency among the authors.
        JsonObject v1 = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        v1["schemaVersion"] = 1;
        v1["authors"] = new JsonArray("Minh Đức", "Theo TTXVN");
        foreach (string field in new[] { "fetchedUrl", "credits", "capture" })
        {
            v1.Remove(field);
        }

        foreach (JsonNode? image in v1["images"]!.AsArray())
        {
            image!.AsObject().Remove("credit");
        }

        File.WriteAllText(path, v1.ToJsonString());
        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));

        CliRun translate = await CliRun.RunAsync("translate", "--pending", "--config", withTranslator, "--out", Out);

        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(path));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(translate.ExitCode, Is.Zero, translate.ToString());
            Assert.That(record.RootElement.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(2), "a rewrite writes the current version");
            Assert.That(record.RootElement.GetProperty("authors").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "Minh Đức" }));
            Assert.That(record.RootElement.GetProperty("credits").GetRawText(), Does.Contain("TTXVN"));
            Assert.That(Status(record, "uk"), Is.EqualTo("translated"));
        }

        await RecordAssert.AllValidAsync(Path.Combine(Out, "records"));
    }

    private object TranslatorWithSources(string[] drop)
    {
        string sources = _folder.Combine($"sources-{drop.Length}.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = new[]
            {
                new
                {
                    id = "loopback",
                    name = "Báo Loopback",
                    homeUrl = _site.Url("").AbsoluteUri,
                    profile = new { name = "loopback", body = "article .content", drop },
                },
            },
        }));
        return new
        {
            Sources = new { File = sources },
            Translator = new { Provider = "azure", Endpoint = _translator.Endpoint.AbsoluteUri, Key = "v2-key", MaxRetries = 1 },
        };
    }

    private static string Article(string title, string first, string second) => $"""
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
        <body><header><nav><a href="/">Trang chủ</a></nav></header>
        <article><h1>{title}</h1>
        <div class="content">
        <p>{first} Chính quyền địa phương đã chuẩn bị phương án hỗ trợ người dân trong suốt mùa vụ.</p>
        <p>{second} Người dân phấn khởi vì công sức được đền đáp xứng đáng sau nhiều tháng chăm sóc.</p>
        <p>Trong thời gian tới, tỉnh tiếp tục đầu tư hạ tầng để phục vụ sản xuất và đời sống của bà con.</p>
        </div></article>
        <div class="related"><h3>Tin liên quan</h3><ul><li><a href="/x">Tin khác</a></li></ul></div>
        </body></html>
        """;

    private string Out => _folder.Combine("out");

    private string Config(string prefix, object settings) => CliRun.WriteLoopbackConfig(_folder, prefix + "appsettings.json", settings);

    private static string Status(JsonDocument record, string language) =>
        record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("status").GetString()!;

    private static string Text(JsonDocument record, string language) =>
        string.Join("\n", record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("content").GetProperty("blocks")
            .EnumerateArray().Select(b => b.GetProperty("text").GetString()));
}
