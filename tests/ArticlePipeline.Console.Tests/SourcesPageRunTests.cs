using System.Net.Http.Headers;
using System.Text.Json;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.State;
using ArticlePipeline.Testing;

namespace ArticlePipeline.OperatorConsole.Tests;

/// <summary>
/// Issue 16: a cluster's source run fills in as workers complete the articles its discovery queued; until the last one
/// is in, the sources page says the counts are not final. Served by Kestrel on 127.0.0.1 over a real SQLite store.
/// </summary>
[TestFixture]
public sealed class SourcesPageRunTests
{
    [Test]
    public async Task SourcesPage_RunStillFillingIn_SaysHowManyQueuedArticlesAreStillToCome()
    {
        using var folder = new TempDirectory();
        var runId = Guid.NewGuid();
        await using (SqliteStateStore store = await SqliteStateStore.OpenAsync($"Data Source={folder.Combine("state", "state.db")}"))
        {
            var discovery = new CrawlSummary();
            discovery.AddSource(3, []);
            await store.RecordSourceRunAsync(SourceRun.From("song-hau", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), discovery) with { RunId = runId, Queued = 3 });
            await store.EnqueueAllAsync([.. Enumerable.Range(1, 3).Select(i => new WorkItem($"https://baosonghau.example.vn/a{i}.html", "song-hau", new Uri($"https://baosonghau.example.vn/a{i}.html")) { RunId = runId })]);
            WorkLease lease = (await store.TryLeaseAsync("node-1", TimeSpan.FromMinutes(1)))!;
            var written = new ArticleOutcome(lease.Item.Url, ArticleOutcomeKind.Written, null, null, null, [], 0);
            await store.CompleteAsync(lease, SourceRunCounts.Of(CrawlItemResult.Processed(written)));
        }

        await using ConsoleTestHost console = await ConsoleTestHost.StartAsync(folder.Path, [new SourceDefinition { Id = "song-hau", Name = "Báo Sông Hậu" }]);
        using var http = new HttpClient();
        string html = await http.GetStringAsync(console.Url("console/sources"));
        using var request = new HttpRequestMessage(HttpMethod.Get, console.Url("console/sources"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await http.SendAsync(request);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement run = json.RootElement.GetProperty("sources")[0].GetProperty("lastRun");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("running: 2 of 3 queued articles still to come"));
            Assert.That(run.GetProperty("pending").GetInt32(), Is.EqualTo(2));
            Assert.That(run.GetProperty("queued").GetInt32(), Is.EqualTo(3));
            Assert.That(run.GetProperty("counts").GetProperty("written").GetInt32(), Is.EqualTo(1));
        }
    }
}
