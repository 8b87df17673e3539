using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Telemetry;
using Npgsql;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 16: the worker can be operated. <c>run --http</c> serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>
/// on loopback (a wider bind needs a token), every response carries a strict Content-Security-Policy, and with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set the spans of each article reach an OTLP collector. Real processes, real
/// servers on 127.0.0.1.
/// </summary>
[TestFixture]
[Category("Worker")]
[NonParallelizable]
public sealed partial class Issue16OperationsTests
{
    private static readonly string SampleSite = Path.Combine(SharedData.RepositoryRoot, "samples", "site");
    private static readonly string[] SampleArticles = Directory.GetFiles(Path.Combine(SampleSite, "tin-tuc"), "*.html");

    private TempDirectory _folder = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempDirectory();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Test]
    public async Task RunHttp_AfterACrawl_MetricsParseAsPrometheusTextAndCountEveryArticle()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);

        // One article is busy at first: the crawler's retry shows on Polly's meter.
        string busy = "/tin-tuc/" + Path.GetFileName(SampleArticles[0]);
        site.SetSequence(busy, SiteResponse.StatusOnly(503), SiteResponse.Html(await File.ReadAllTextAsync(SampleArticles[0])));
        string config = WriteConfig(site, "0/2 * * * * ?");
        using ChildCli worker = ChildCli.Start(_folder.Path, "run", "--config", config, "--out", _folder.Combine("out"), "--http", "127.0.0.1:0");
        Uri endpoint = await WaitForEndpointAsync(worker);
        await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records", "sample")) >= SampleArticles.Length, TimeSpan.FromSeconds(60));

        IReadOnlyList<PrometheusSample> samples = [];
        HttpResponseMessage? metrics = null;
        // A local pass counts its articles as they are written and its discoveries when the pass ends: both are awaited.
        for (int attempt = 0; attempt < 50 && (Sum(samples, "articlepipeline_articles_processed_total", ("outcome", "written")) < SampleArticles.Length
            || Sum(samples, "articlepipeline_articles_discovered_total") < SampleArticles.Length); attempt++)
        {
            metrics?.Dispose();
            metrics = await _http.GetAsync(new Uri(endpoint, "/metrics"));
            samples = PrometheusText.Parse(await metrics.Content.ReadAsStringAsync());
            await Task.Delay(200);
        }

        using HttpResponseMessage post = await _http.PostAsync(new Uri(endpoint, "/metrics"), new StringContent("x"));
        using HttpResponseMessage head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(endpoint, "/healthz")));
        using (metrics)
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(metrics.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(Sum(samples, "articlepipeline_articles_processed_total", ("outcome", "written")), Is.EqualTo(SampleArticles.Length), "each sample article written once, however often the cron fired");
            Assert.That(Sum(samples, "articlepipeline_articles_discovered_total"), Is.GreaterThanOrEqualTo(SampleArticles.Length));
            Assert.That(Sum(samples, "http_client_request_duration_seconds_count"), Is.GreaterThan(0), "HttpClient instrumentation: the crawler's requests");
            Assert.That(samples.Any(s => s.Name == "dotnet_gc_collections_total"), Is.True, "runtime instrumentation");
            Assert.That(Sum(samples, "resilience_polly_strategy_events_total", ("event_name", "OnRetry")), Is.GreaterThanOrEqualTo(1), "Polly's resilience events");
            AssertSecurityHeaders(metrics);
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "read-only");
            Assert.That(post.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD" }));
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        worker.Terminate();
        Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(worker.ExitCode, Is.Zero, worker.Log);
    }

    [Test]
    public async Task RunHttp_AfterACrawl_ServesTheConsoleOverTheRunsOwnStoreAndSettings()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        WriteConfig(site, "0/2 * * * * ?");
        string config = CliRun.WriteLoopbackConfig(_folder, "settings.json", new
        {
            Sources = new { File = _folder.Combine("sources.json") },
            Scheduler = new { HealthIntervalSeconds = 1, GracePeriodSeconds = 0.5 },
            Console = new { PageSize = 10, MonthlyCharacterBudget = 1_000_000 },
        });
        using ChildCli worker = ChildCli.Start(_folder.Path, "run", "--config", config, "--out", _folder.Combine("out"), "--http", "127.0.0.1:0");
        Uri endpoint = await WaitForEndpointAsync(worker);
        await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records", "sample")) >= SampleArticles.Length, TimeSpan.FromSeconds(60));

        JsonElement records = default;
        for (int attempt = 0; attempt < 50 && (records.ValueKind != JsonValueKind.Object || records.GetProperty("total").GetInt64() < SampleArticles.Length); attempt++)
        {
            using HttpResponseMessage json = await SendAsync(endpoint, "/console/records", AcceptJson);
            records = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.Clone();
            await Task.Delay(200);
        }

        using HttpResponseMessage sources = await _http.GetAsync(new Uri(endpoint, "/console/sources"));
        string html = await sources.Content.ReadAsStringAsync();
        using HttpResponseMessage head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(endpoint, "/console/sources")));
        byte[] headBody = await head.Content.ReadAsByteArrayAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.GetProperty("total").GetInt64(), Is.EqualTo(SampleArticles.Length), "the console lists what the run wrote");
            Assert.That(records.GetProperty("pageSize").GetInt32(), Is.EqualTo(10), "Console:PageSize from the run's settings");
            Assert.That(sources.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sources.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("sample"), "the run's source");
            AssertSecurityHeaders(sources);
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK), "HEAD, as the read-only rule allows it");
            Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(headBody, Is.Empty);
            AssertSecurityHeaders(head);
        }

        worker.Terminate();
        Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(worker.ExitCode, Is.Zero, worker.Log);
    }

    [Test]
    public async Task Migrate_ArchiveWrittenBeforeTheConsole_TheConsoleListsItsRecordsWithTheirHistoryOnce()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        string config = WriteConfig(site, "0 0 0 1 1 ? 2099");
        string output = _folder.Combine("out");
        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", output);
        Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());

        // An archive from before the console: records and manifest on disk, an empty catalog.
        await WipeCatalogAsync(output);

        CliRun first = await CliRun.RunAsync("migrate", "--config", config, "--out", output);
        CliRun second = await CliRun.RunAsync("migrate", "--config", config, "--out", output);
        (JsonElement records, _, HttpStatusCode status, JsonElement view) = await ReadConsoleAsync(config, output, items => items[0]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(first.Output, Does.Contain($"catalog: {SampleArticles.Length} revisions of {SampleArticles.Length} records entered"));
            Assert.That(second.Output, Does.Contain("catalog: 0 revisions of 0 records entered"), "running it again enters nothing");
            Assert.That(records.GetProperty("total").GetInt64(), Is.EqualTo(SampleArticles.Length), "the console lists the archive's records");
            Assert.That(records.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()), Has.All.Not.Empty, "with their titles from the record files");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the article page");
            Assert.That(view.GetProperty("revisions").GetArrayLength(), Is.EqualTo(1), "one history line per manifest line, not one per migrate");
        }
    }

    [Test]
    public async Task Migrate_RecordRewrittenSinceTheUpgrade_GetsItsOlderHistoryAndKeepsItsLatestRevision()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        string config = WriteConfig(site, "0 0 0 1 1 ? 2099");
        string output = _folder.Combine("out");
        string article = "/tin-tuc/" + Path.GetFileName(SampleArticles[0]);
        Assert.That((await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", output)).ExitCode, Is.Zero);
        await WipeCatalogAsync(output);

        // After the upgrade the article changes: its revision 2 is catalogued as it is written, revision 1 is not.
        string html = await File.ReadAllTextAsync(SampleArticles[0]);
        int paragraph = html.IndexOf("<p>", StringComparison.Ordinal);
        site.Set(article, SiteResponse.Html(html.Insert(paragraph, "<p>Cập nhật: số liệu đã được điều chỉnh theo báo cáo mới nhất của ủy ban tỉnh.</p>")));
        Assert.That((await CliRun.RunAsync("rerun", site.Url(article).AbsoluteUri, "--config", config, "--out", output)).ExitCode, Is.Zero);
        CliRun first = await CliRun.RunAsync("migrate", "--config", config, "--out", output);
        CliRun second = await CliRun.RunAsync("migrate", "--config", config, "--out", output);
        (_, JsonElement changed, _, JsonElement view) = await ReadConsoleAsync(
            config, output, items => items.EnumerateArray().Single(i => i.GetProperty("url").GetString()!.EndsWith(article, StringComparison.Ordinal)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Output, Does.Contain($"catalog: {SampleArticles.Length} revisions of {SampleArticles.Length} records entered"), "revision 1 of every record, the changed one's included");
            Assert.That(second.Output, Does.Contain("catalog: 0 revisions of 0 records entered"));
            Assert.That(changed.GetProperty("revision").GetInt32(), Is.EqualTo(2), "the catalog keeps the latest revision");
            Assert.That(view.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()), Is.EqualTo(new[] { 1, 2 }), "its whole history, oldest first");
        }
    }

    [Test]
    [Category("PostgreSQL")]
    public async Task RunHttp_StateStoreStops_ReadyzTurnsUnreadyAndBackWhenItReturns()
    {
        string connection = Environment.GetEnvironmentVariable("ARTICLEPIPELINE_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";
        var server = new NpgsqlConnectionStringBuilder(connection);
        try
        {
            await using var probe = new NpgsqlConnection(connection);
            await probe.OpenAsync();
        }
        catch (NpgsqlException ex) when (Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Ignore("PostgreSQL not reachable (set ARTICLEPIPELINE_TEST_POSTGRES or run .ci/run): " + ex.Message);
        }

        // The worker reaches PostgreSQL through a relay the test can cut: a real outage of the store as the worker
        // sees it (resets, then refused connections), while the server itself stays up for the other tests.
        IPAddress address = (await Dns.GetHostAddressesAsync(server.Host!)).First(a => IPAddress.IsLoopback(a));
        await using TcpRelay relay = TcpRelay.Start(new IPEndPoint(address, server.Port));
        string schema = "ready_" + Guid.NewGuid().ToString("N")[..10];
        var through = new NpgsqlConnectionStringBuilder(connection) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 };
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        string config = WriteConfig(site, "0 0 0/6 * * ?", new { Provider = "postgres", ConnectionString = through.ConnectionString, Schema = schema });
        try
        {
            using ChildCli worker = ChildCli.Start(_folder.Path, "run", "--config", config, "--out", _folder.Combine("out"), "--http", "127.0.0.1:0");
            Uri readyz = new(await WaitForEndpointAsync(worker), "/readyz");
            (HttpStatusCode before, JsonElement beforeBody) = await PollReadyAsync(readyz, HttpStatusCode.OK);

            await relay.CutAsync();
            (HttpStatusCode during, JsonElement duringBody) = await PollReadyAsync(readyz, HttpStatusCode.ServiceUnavailable);
            using HttpResponseMessage health = await _http.GetAsync(new Uri(readyz, "/healthz"));

            await relay.RestoreAsync();
            (HttpStatusCode after, _) = await PollReadyAsync(readyz, HttpStatusCode.OK);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(before, Is.EqualTo(HttpStatusCode.OK), beforeBody.ToString());
                Assert.That(beforeBody.GetProperty("scheduler").GetString(), Is.EqualTo("started"));
                Assert.That(during, Is.EqualTo(HttpStatusCode.ServiceUnavailable), duringBody.ToString());
                Assert.That(duringBody.GetProperty("status").GetString(), Is.EqualTo("unready"));
                Assert.That(duringBody.GetProperty("store").GetString(), Does.StartWith("error:"));
                Assert.That(duringBody.ToString(), Does.Not.Contain(server.Password!), "no secret in the answer");
                Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process is alive all the same");
                Assert.That(after, Is.EqualTo(HttpStatusCode.OK), "ready again once the store answers");
            }

            worker.Terminate();
            Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        }
        finally
        {
            await using var cleanup = new NpgsqlConnection(connection);
            await cleanup.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", cleanup);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [TestCase("0.0.0.0:0")]
    [TestCase("[::]:0")]
    public async Task RunHttp_AllInterfacesWithoutToken_RefusesToStartWithExitTwo(string address)
    {
        string config = WriteConfig(null, "0 0 0/6 * * ?");

        CliRun run = await CliRun.RunAsync("run", "--config", config, "--out", _folder.Combine("out"), "--http", address);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("Console:AccessToken").And.Contain("127.0.0.1"));
            Assert.That(Directory.Exists(_folder.Combine("out", "records")), Is.False, "nothing ran");
        }
    }

    [Test]
    public async Task RunHttp_PortInUse_ExitsTwoNamingTheAddress()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        string address = "127.0.0.1:" + ((IPEndPoint)taken.LocalEndpoint).Port;
        string config = WriteConfig(null, "0 0 0/6 * * ?");

        CliRun run = await CliRun.RunAsync("run", "--config", config, "--out", _folder.Combine("out"), "--http", address);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain($"error: --http {address}: cannot listen").And.Contain("in use"));
        }
    }

    [Test]
    public async Task RunHttp_WithAccessToken_EveryPathButHealthzNeedsIt()
    {
        const string Token = "test-token-5b1f0c9e2d7a4e63";
        string config = WriteConfig(null, "0 0 0/6 * * ?");
        using ChildCli worker = ChildCli.Start(
            _folder.Path,
            new Dictionary<string, string> { ["ARTICLEPIPELINE__Console__AccessToken"] = Token },
            "run", "--config", config, "--out", _folder.Combine("out"), "--http", "127.0.0.1:0");
        Uri endpoint = await WaitForEndpointAsync(worker);

        using HttpResponseMessage anonymous = await _http.GetAsync(new Uri(endpoint, "/readyz"));
        using HttpResponseMessage anonymousMetrics = await _http.GetAsync(new Uri(endpoint, "/metrics"));
        using HttpResponseMessage wrong = await SendAsync(endpoint, "/metrics", request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x"));
        using HttpResponseMessage bearer = await SendAsync(endpoint, "/metrics", request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));
        using HttpResponseMessage cookie = await SendAsync(endpoint, "/readyz", request => request.Headers.Add("Cookie", "ArticlePipeline.Token=" + Token));
        using HttpResponseMessage health = await _http.GetAsync(new Uri(endpoint, "/healthz"));

        // A browser posts CSP violations without the token: accepted, counted, visible to the operator.
        using HttpResponseMessage report = await _http.PostAsync(
            new Uri(endpoint, "/csp-report"),
            new StringContent("{\"csp-report\":{\"violated-directive\":\"script-src-elem\",\"blocked-uri\":\"inline\"}}", System.Text.Encoding.UTF8, "application/csp-report"));
        IReadOnlyList<PrometheusSample> samples = [];
        for (int attempt = 0; attempt < 20 && Sum(samples, "articlepipeline_http_csp_violations_total") == 0; attempt++)
        {
            // The exporter caches a scrape for a moment: ask again until the report shows.
            await Task.Delay(200);
            using HttpResponseMessage counted = await SendAsync(endpoint, "/metrics", request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));
            samples = PrometheusText.Parse(await counted.Content.ReadAsStringAsync());
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Sum(samples, "articlepipeline_http_csp_violations_total"), Is.EqualTo(1));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(anonymous.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
            AssertSecurityHeaders(anonymous);
            Assert.That(anonymousMetrics.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(bearer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(cookie.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.ServiceUnavailable), "authorised: the readiness itself answers");
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "liveness stays open for supervisors");
            Assert.That(await bearer.Content.ReadAsStringAsync(), Does.Not.Contain(Token));
        }

        worker.Terminate();
        Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(worker.Log, Does.Not.Contain(Token), "the token is never printed");
    }

    [Test]
    public async Task Run_WithOtlpEndpoint_CollectorReceivesOneSpanPerArticleWithItsStagesAndTheMetricsAndLogs()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        await using OtlpTestCollector collector = await OtlpTestCollector.StartAsync();
        string config = WriteConfig(site, "0/2 * * * * ?");
        using ChildCli worker = ChildCli.Start(
            _folder.Path,
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            "run", "--config", config, "--out", _folder.Combine("out"));
        await WorkerTests.WaitUntilAsync(() => WorkerTests.Count(_folder.Combine("out", "records", "sample")) >= SampleArticles.Length, TimeSpan.FromSeconds(60));
        worker.Terminate();
        Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the worker stops, flushing what it buffered");

        IReadOnlyList<OtlpSpan> spans = collector.Spans.Where(s => s.Scope == "ArticlePipeline").ToList();
        OtlpSpan[] runs = spans.Where(s => s.Name == "source-run").ToArray();
        OtlpSpan[] written = spans.Where(s => s.Name == "article" && s.Attributes.GetValueOrDefault("articlepipeline.outcome") == "written").ToArray();
        string[] urls = SampleArticles.Select(f => site.Url("tin-tuc/" + Path.GetFileName(f)).AbsoluteUri).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(worker.ExitCode, Is.Zero, worker.Log);
            Assert.That(collector.ContentTypes, Is.All.EqualTo("application/x-protobuf"));
            Assert.That(runs, Is.Not.Empty, "a span per source run");
            Assert.That(runs.Select(r => r.Attributes.GetValueOrDefault("articlepipeline.source.id")), Is.All.EqualTo("sample"));
            Assert.That(written.Select(a => a.Attributes.GetValueOrDefault("url.full")), Is.EquivalentTo(urls), "one span per written article, with its URL");
            foreach (OtlpSpan article in written)
            {
                string[] stages = spans.Where(s => s.ParentSpanId == article.SpanId && s.TraceId == article.TraceId).Select(s => s.Name).ToArray();
                Assert.That(stages, Is.SupersetOf(new[] { "fetch", "extract", "translate", "write" }), article.Attributes["url.full"]);
                Assert.That(article.Attributes.GetValueOrDefault("articlepipeline.source.id"), Is.EqualTo("sample"));
                Assert.That(runs.Select(r => r.SpanId), Does.Contain(article.ParentSpanId), "the article belongs to a source run");
            }

            // The crawler's HTTP requests are spans under the fetch stage.
            OtlpSpan[] fetches = spans.Where(s => s.Name == "fetch").ToArray();
            Assert.That(collector.Spans.Count(s => s.Scope != "ArticlePipeline" && fetches.Any(f => f.SpanId == s.ParentSpanId)), Is.GreaterThanOrEqualTo(written.Length), "HttpClient spans under fetch");

            // Metrics and logs go the same way.
            Assert.That(collector.Bodies("metrics").Any(b => Contains(b, "articlepipeline.articles.processed")), Is.True, "our meter over OTLP");
            Assert.That(collector.Bodies("logs").Any(b => Contains(b, urls[0])), Is.True, "the article's log line over OTLP");
        }
    }

    [Test]
    public async Task CrawlOnce_WithOtlpEndpoint_ExportsEachArticleSpanAndTheMeter()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        await using OtlpTestCollector collector = await OtlpTestCollector.StartAsync();
        string config = WriteConfig(site, "0 0 0/6 * * ?");
        using ChildCli crawl = ChildCli.Start(
            _folder.Path,
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            "crawl", "--once", "--config", config, "--out", _folder.Combine("out"));
        Assert.That(crawl.WaitForExit(TimeSpan.FromSeconds(90)), Is.True, "the crawl finishes");

        string[] urls = SampleArticles.Select(f => site.Url("tin-tuc/" + Path.GetFileName(f)).AbsoluteUri).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.Log);
            Assert.That(
                collector.Spans.Where(s => s.Name == "article" && s.Attributes.GetValueOrDefault("articlepipeline.outcome") == "written").Select(s => s.Attributes.GetValueOrDefault("url.full")),
                Is.EquivalentTo(urls),
                "a one-shot command flushes its spans before it exits");
            Assert.That(collector.Bodies("metrics").Any(b => Contains(b, "articlepipeline.articles.processed")), Is.True, "crawl counts on the meter too");
        }
    }

    [Test]
    public async Task Crawl_WithoutOtlpEndpoint_SendsNothing()
    {
        await using LoopbackNewsSite site = await LoopbackNewsSite.StartAsync(SampleSite);
        await using OtlpTestCollector collector = await OtlpTestCollector.StartAsync();
        string config = WriteConfig(site, "0 0 0/6 * * ?");

        // A per-signal endpoint alone does not turn export on (OTEL_EXPORTER_OTLP_ENDPOINT is the switch), so this
        // collector would hear from an exporter left on by mistake.
        using ChildCli crawl = ChildCli.Start(
            _folder.Path,
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(collector.Endpoint, "/v1/traces").AbsoluteUri },
            "crawl", "--once", "--config", config, "--out", _folder.Combine("out"));
        Assert.That(crawl.WaitForExit(TimeSpan.FromSeconds(90)), Is.True);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.Log);
            Assert.That(WorkerTests.Count(_folder.Combine("out", "records")), Is.EqualTo(SampleArticles.Length));
            Assert.That(collector.Bodies("traces").Concat(collector.Bodies("metrics")).Concat(collector.Bodies("logs")), Is.Empty);
        }
    }

    /// <summary>
    /// Serves the console over <paramref name="output"/> with <c>run --http</c> and reads, as JSON, the records list and
    /// the article page of the record <paramref name="pick"/> chooses from its items.
    /// </summary>
    private async Task<(JsonElement Records, JsonElement Item, HttpStatusCode ArticleStatus, JsonElement Article)> ReadConsoleAsync(string config, string output, Func<JsonElement, JsonElement> pick)
    {
        using ChildCli worker = ChildCli.Start(_folder.Path, "run", "--config", config, "--out", output, "--http", "127.0.0.1:0");
        try
        {
            Uri endpoint = await WaitForEndpointAsync(worker);
            using HttpResponseMessage list = await SendAsync(endpoint, "/console/records", AcceptJson);
            JsonElement records = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.Clone();
            JsonElement item = pick(records.GetProperty("items"));
            using HttpResponseMessage article = await SendAsync(endpoint, $"/console/records/{item.GetProperty("sourceId").GetString()}/{item.GetProperty("recordId").GetString()}", AcceptJson);
            return (records, item, article.StatusCode, JsonDocument.Parse(await article.Content.ReadAsStringAsync()).RootElement.Clone());
        }
        finally
        {
            worker.Terminate();
            worker.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    private static void AcceptJson(HttpRequestMessage request) => request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

    /// <summary>Empties the console's catalog of the run's SQLite store: the archive as a version before the console left it.</summary>
    private static async Task WipeCatalogAsync(string output)
    {
        await using var state = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(output, "state", "state.db")};Pooling=false");
        await state.OpenAsync();
        await using var wipe = state.CreateCommand();
        wipe.CommandText = "DELETE FROM records; DELETE FROM record_revisions;";
        await wipe.ExecuteNonQueryAsync();
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.That(csp, Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.Contain("form-action 'self'").And.Not.Contain("script-src"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    private static double Sum(IEnumerable<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>The address a <c>run --http 127.0.0.1:0</c> worker announced on stderr.</summary>
    internal static async Task<Uri> WaitForEndpointAsync(ChildCli worker)
    {
        Uri? endpoint = null;
        await WorkerTests.WaitUntilAsync(
            () => worker.HasExited || (endpoint = worker.ErrorLines.Select(l => EndpointLine().Match(l)).Where(m => m.Success).Select(m => new Uri(m.Groups[1].Value)).FirstOrDefault()) is not null,
            TimeSpan.FromSeconds(60));
        Assert.That(endpoint, Is.Not.Null, "the worker announced its HTTP endpoint: " + worker.Log);
        return endpoint!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PollReadyAsync(Uri readyz, HttpStatusCode wanted)
    {
        HttpStatusCode status = 0;
        JsonElement body = default;
        for (DateTime giveUp = DateTime.UtcNow.AddSeconds(40); DateTime.UtcNow < giveUp && status != wanted;)
        {
            using HttpResponseMessage response = await _http.GetAsync(readyz);
            status = response.StatusCode;
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (status != wanted)
            {
                await Task.Delay(250);
            }
        }

        return (status, body);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri endpoint, string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, path));
        configure(request);
        return await _http.SendAsync(request);
    }

    private string WriteConfig(LoopbackNewsSite? site, string cron, object? state = null)
    {
        string sources = _folder.Combine("sources.json");
        File.WriteAllText(sources, JsonSerializer.Serialize(new
        {
            sources = new[]
            {
                new
                {
                    id = "sample",
                    name = "sample",
                    homeUrl = site?.Url("index.html").AbsoluteUri ?? "http://127.0.0.1:9/",
                    feeds = new[] { site?.Url("rss.xml").AbsoluteUri ?? "http://127.0.0.1:9/rss.xml" },
                    schedule = cron,
                    maxArticlesPerRun = 100,
                },
            },
        }));
        return state is null
            ? CliRun.WriteLoopbackConfig(_folder, "settings.json", new { Sources = new { File = sources }, Scheduler = new { HealthIntervalSeconds = 1, GracePeriodSeconds = 0.5 } })
            : CliRun.WriteLoopbackConfig(_folder, "settings.json", new { Sources = new { File = sources }, Scheduler = new { HealthIntervalSeconds = 1, GracePeriodSeconds = 0.5 }, State = state });
    }

    [GeneratedRegex(@"HTTP endpoints on (http://\S+)")]
    private static partial Regex EndpointLine();
}
