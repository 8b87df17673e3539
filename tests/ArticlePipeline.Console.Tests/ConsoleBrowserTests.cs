using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ArticlePipeline.OperatorConsole.Tests;

/// <summary>
/// The operator console in headless Chromium (issue 16): the CLI crawls two loopback newspapers with the loopback
/// Translator, then the browser reads the console a Kestrel host serves over that output, under the strict CSP.
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed partial class ConsoleBrowserTests
{
    private static readonly string[] RecordLanguages = ["vi", "uk", "ru", "ro", "th"];

    private ConsoleSites _sites = null!;
    private ConsoleTestHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task CrawlAndStartTheConsole()
    {
        SystemChromium.Require();
        _sites = await ConsoleSites.StartAsync();
        await _sites.CrawlAsync();
        _host = await ConsoleTestHost.StartAsync(_sites.Out, Core.Sources.SourceCatalogLoader.Load(_sites.SourcesFile).Sources);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = SystemChromium.ExecutablePath, Headless = true });
    }

    [OneTimeTearDown]
    public async Task StopEverything()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_sites is not null)
        {
            await _sites.DisposeAsync();
        }
    }

    [Test]
    public async Task SourcesPage_AfterCrawl_ListsEachSourceWithTheCountsOfItsRun()
    {
        (IPage page, Watch watch) = await OpenAsync();

        await page.GotoAsync(_host.Url("console/sources").AbsoluteUri);

        await ScreenshotAsync(page, "sources");
        using (Assert.EnterMultipleScope())
        {
            foreach (string id in new[] { ConsoleSites.SampleId, ConsoleSites.GeneratedId })
            {
                ILocator row = page.Locator($"tr[data-source='{id}']");
                Assert.That(await row.CountAsync(), Is.EqualTo(1), id);
                Assert.That(await Count(row, "written"), Is.EqualTo(_sites.RecordFiles(id).Length).And.GreaterThan(0), $"{id}: written is what is on disk");
                Assert.That(await Count(row, "discovered"), Is.EqualTo(_sites.RecordFiles(id).Length), $"{id}: every discovered article was written");
                Assert.That(await Count(row, "failed"), Is.Zero, id);
                Assert.That(await row.Locator("td[data-field='started']").InnerTextAsync(), Does.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$"), id);
                Assert.That(await row.Locator("td[data-field='next']").InnerTextAsync(), Does.Contain("(cron)"), $"{id}: no scheduler in this host, so the cron says");
            }

            Assert.That(await page.Locator($"tr[data-source='{ConsoleSites.GeneratedId}'] td[data-field='next']").InnerTextAsync(), Does.Contain(" 06:15:00 +07:00"), "0 15 6 * * ? in Asia/Ho_Chi_Minh");
            Assert.That(watch.Problems, Is.Empty);
        }
    }

    [Test]
    public async Task ArticlePage_OpenedFromTheRecordsList_ShowsFiveLanguagesAlignedBlockByBlock()
    {
        (IPage page, Watch watch) = await OpenAsync();
        await page.GotoAsync(_host.Url("console/records").AbsoluteUri);
        ILocator link = page.Locator($"tr[data-record^='{ConsoleSites.SampleId}/'] td.title a").First;
        string recordKey = (await page.Locator($"tr[data-record^='{ConsoleSites.SampleId}/']").First.GetAttributeAsync("data-record"))!;

        await link.ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/records/"));

        await ScreenshotAsync(page, "article");
        using JsonDocument record = ReadRecord(recordKey);
        JsonElement languages = record.RootElement.GetProperty("languages");
        int blocks = languages.GetProperty("vi").GetProperty("content").GetProperty("blocks").GetArrayLength();
        IReadOnlyList<string> columns = await page.Locator("table.aligned thead th[data-language]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.language)");
        ILocator rows = page.Locator("table.aligned tr[data-part='block']");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(columns, Is.EqualTo(RecordLanguages), "the source language first, then the record's languages");
            Assert.That(await page.Locator("table.aligned th.misaligned").CountAsync(), Is.Zero);
            Assert.That(await rows.CountAsync(), Is.EqualTo(blocks).And.GreaterThan(2), "one row per source block");
            foreach (int i in new[] { 0, blocks / 2, blocks - 1 })
            {
                foreach (string language in RecordLanguages)
                {
                    string cell = await rows.Nth(i).Locator($"td[data-language='{language}']").InnerTextAsync();
                    string expected = languages.GetProperty(language).GetProperty("content").GetProperty("blocks")[i].GetProperty("text").GetString()!;
                    Assert.That(Normalize(cell), Is.EqualTo(Normalize(expected)), $"block {i} in {language}");
                }
            }

            Assert.That(await page.Locator("table.revisions tbody tr").CountAsync(), Is.EqualTo(record.RootElement.GetProperty("revision").GetInt32()));
            Assert.That(await page.Locator("table.revisions code.manifest").First.InnerTextAsync(), Does.Contain("\"id\":\"" + recordKey.Split('/')[1] + "\""));
            Assert.That(watch.Problems, Is.Empty);
        }
    }

    [Test]
    public async Task HostileArticle_SearchedAndOpened_ShowsTheInjectionAsTextAndRunsNothing()
    {
        // Once under the strict CSP (nothing may even try to run: no violation), once with CSP bypassed (the
        // encoding alone must keep the injection inert: no dialog).
        foreach (bool bypassCsp in new[] { false, true })
        {
            (IPage page, Watch watch) = await OpenAsync(bypassCsp);
            await page.GotoAsync(_host.Url("console/records").AbsoluteUri);
            await page.FillAsync("#q", "<script>");
            await page.ClickAsync("form.search button[type='submit']");
            await page.WaitForURLAsync(new Regex(@"[?&]q="));
            ILocator found = page.Locator("table.records td.title a");
            string listed = await found.First.InnerTextAsync();
            int matches = await found.CountAsync();
            await found.First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/console/records/" + ConsoleSites.GeneratedId + "/"));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (!bypassCsp)
            {
                await ScreenshotAsync(page, "hostile");
            }

            string heading = await page.Locator("main h1").InnerTextAsync();
            string firstBlock = await page.Locator("table.aligned tr[data-part='block']").First.Locator("td[data-language='vi']").InnerTextAsync();
            int violations = await page.EvaluateAsync<int>("() => window.__cspViolations.length");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(matches, Is.EqualTo(1), "the search finds the one record with the injection in its title");
                Assert.That(listed, Does.StartWith(ConsoleSites.Injection), "listed as text");
                Assert.That(heading, Does.StartWith(ConsoleSites.Injection), "the title is shown as text");
                Assert.That(firstBlock, Does.StartWith(ConsoleSites.Injection), "the paragraph is shown as text");
                Assert.That(await page.Locator("main img").CountAsync(), Is.Zero, "no element was injected");
                Assert.That(await page.EvaluateAsync<int>("() => document.scripts.length"), Is.Zero, "the console has no script at all");
                Assert.That(watch.Dialogs, Is.Empty, $"no dialog (CSP bypassed: {bypassCsp})");
                Assert.That(watch.Problems, Is.Empty, $"no console error or page error (CSP bypassed: {bypassCsp})");
                Assert.That(violations, Is.Zero, $"no Content-Security-Policy violation (CSP bypassed: {bypassCsp})");
            }
        }
    }

    [Test]
    public async Task TranslationPage_AfterCrawl_ShowsTheCharactersTheCrawlBilled()
    {
        long billed = long.Parse(CrawlSummaryNumber("characters billed"), CultureInfo.InvariantCulture);
        (IPage page, Watch watch) = await OpenAsync();

        await page.GotoAsync(_host.Url("console/translation").AbsoluteUri);

        await ScreenshotAsync(page, "translation");
        IReadOnlyList<string> cells = await page.Locator("tr[data-field='billed'] td").AllInnerTextsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(billed, Is.GreaterThan(0), _sites.CrawlOutput);
            Assert.That(cells.Select(c => long.Parse(c.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)), Is.EqualTo(new[] { billed, billed }), "today and this month");
            Assert.That(watch.Problems, Is.Empty);
        }
    }

    [Test]
    public async Task EveryPage_AcceptJson_AnswersTheSameDataAsJsonUnderTheHostsCsp()
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        string[] generated = _sites.RecordFiles(ConsoleSites.GeneratedId);
        string hostileId = generated.Select(Path.GetFileNameWithoutExtension).Single(id => ReadRecord($"{ConsoleSites.GeneratedId}/{id}").RootElement.GetProperty("url").GetString()!.Contains(ConsoleSites.HostileSlug, StringComparison.Ordinal))!;

        using HttpResponseMessage sources = await client.GetAsync(_host.Url("console/sources"));
        using JsonDocument sourcesJson = JsonDocument.Parse(await sources.Content.ReadAsStringAsync());
        using JsonDocument records = await GetJsonAsync(client, $"console/records?source={ConsoleSites.GeneratedId}&page=1");
        using JsonDocument article = await GetJsonAsync(client, $"console/records/{ConsoleSites.GeneratedId}/{hostileId}");
        using JsonDocument translation = await GetJsonAsync(client, "console/translation");
        using HttpResponseMessage missing = await client.GetAsync(_host.Url("console/records/nope/zz"));
        using HttpResponseMessage html = await new HttpClient().GetAsync(_host.Url("console/sources"));

        JsonElement generatedSource = sourcesJson.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == ConsoleSites.GeneratedId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sources.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(sources.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(ConsoleTestHost.ContentSecurityPolicy), "the host's policy is kept");
            Assert.That(generatedSource.GetProperty("lastRun").GetProperty("counts").GetProperty("written").GetInt32(), Is.EqualTo(generated.Length));
            Assert.That(records.RootElement.GetProperty("total").GetInt64(), Is.EqualTo(generated.Length));
            Assert.That(records.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()), Is.All.EqualTo(ConsoleSites.GeneratedId));
            Assert.That(article.RootElement.GetProperty("title").GetString(), Does.StartWith(ConsoleSites.Injection), "JSON carries the text as it is; escaping is the reader's job");
            Assert.That(article.RootElement.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("code").GetString()), Is.EqualTo(RecordLanguages));
            Assert.That(article.RootElement.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("part").GetString() == "block"), Is.GreaterThan(2));
            Assert.That(article.RootElement.GetProperty("revisions").GetArrayLength(), Is.EqualTo(1));
            Assert.That(translation.RootElement.GetProperty("usage").GetProperty("billedThisMonth").GetInt64(), Is.GreaterThan(0));
            Assert.That((int)missing.StatusCode, Is.EqualTo(404));
            Assert.That(html.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"), "without Accept: application/json the page is HTML");
        }
    }

    private async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(_host.Url(path));
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{path}: {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<(IPage Page, Watch Watch)> OpenAsync(bool bypassCsp = false)
    {
        IBrowserContext context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = bypassCsp,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            JavaScriptEnabled = true,
        });
        IPage page = await context.NewPageAsync();
        var watch = new Watch();
        page.Dialog += (_, dialog) =>
        {
            watch.Dialogs.Add(dialog.Type + ": " + dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                watch.Problems.Add(message.Type + ": " + message.Text);
            }
        };
        page.PageError += (_, error) => watch.Problems.Add("page error: " + error);

        // Injected by the browser's protocol, not by the page, so the page's own CSP does not stop it.
        await page.AddInitScriptAsync("window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        return (page, watch);
    }

    private static async Task<long> Count(ILocator row, string name) =>
        long.Parse((await row.Locator($"td[data-count='{name}']").InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"console-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, $"console {name} page");
    }

    private JsonDocument ReadRecord(string key)
    {
        string[] parts = key.Split('/');
        string path = _sites.RecordFiles(parts[0]).Single(f => Path.GetFileNameWithoutExtension(f) == parts[1]);
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }

    private string CrawlSummaryNumber(string label) =>
        Regex.Match(_sites.CrawlOutput, Regex.Escape(label) + @" (\d+)").Groups[1].Value;

    private static string Normalize(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>What a page did that it should not: dialogs opened, console errors and warnings, page errors.</summary>
    private sealed class Watch
    {
        public List<string> Dialogs { get; } = [];

        public List<string> Problems { get; } = [];
    }
}
