using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.State.Operations;

namespace ArticlePipeline.State.Tests;

/// <summary>The operations journal and the console's read-only queries of it (issue 16).</summary>
public abstract partial class StateStoreContractTests
{
    [Test]
    public async Task ListRecordsAsync_AfterRevisions_NewestFirstOneEntryPerRecordWithTotal()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.RecordRevisionAsync(Revision("baoangiang", "a1", 1, "Lúa hè thu", t));
        await store.RecordRevisionAsync(Revision("baoquangtri", "b1", 1, "Cầu Hiền Lương", t.AddMinutes(1)));
        await store.RecordRevisionAsync(Revision("baoangiang", "a1", 2, "Lúa hè thu được mùa", t.AddMinutes(2)));

        RecordListPage page = await store.ListRecordsAsync(new RecordQuery(null, null, 0, 10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Total, Is.EqualTo(2));
            Assert.That(page.Items.Select(r => r.RecordId), Is.EqualTo(new[] { "a1", "b1" }));
            Assert.That(page.Items[0].Revision, Is.EqualTo(2));
            Assert.That(page.Items[0].Title, Is.EqualTo("Lúa hè thu được mùa"));
            Assert.That(page.Items[0].WrittenAt, Is.EqualTo(t.AddMinutes(2)));
            Assert.That(page.Items[0].Languages["uk"], Is.EqualTo("pending"));
        }
    }

    [Test]
    public async Task ListRecordsAsync_Text_MatchesTitleUrlOrWholeSourceIdAndTakesWildcardsLiterally()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.RecordRevisionAsync(Revision("baoangiang", "a1", 1, "Harvest in An Giang", t));
        await store.RecordRevisionAsync(Revision("baoangiang", "a2", 1, "100% rice_field", t.AddMinutes(1)));
        await store.RecordRevisionAsync(Revision("baoquangtri", "b1", 1, "Bridge", t.AddMinutes(2)));

        async Task<string[]> Find(string text, string? source = null) =>
            [.. (await store.ListRecordsAsync(new RecordQuery(text, source, 0, 10))).Items.Select(r => r.RecordId)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Find("harvest"), Is.EqualTo(new[] { "a1" }), "title, ASCII case-insensitive");
            Assert.That(await Find("/b1.html"), Is.EqualTo(new[] { "b1" }), "URL");
            Assert.That(await Find("baoangiang"), Is.EquivalentTo(new[] { "a1", "a2" }), "source id");
            Assert.That(await Find("0%"), Is.EqualTo(new[] { "a2" }), "% is a character, not a wildcard");
            Assert.That(await Find("e_f"), Is.EqualTo(new[] { "a2" }), "_ is a character");
            Assert.That(await Find("r_ce"), Is.Empty, "_ matches no other character");
            Assert.That(await Find("Bridge", "baoangiang"), Is.Empty, "the source filter applies too");
        }
    }

    [Test]
    public async Task ListRecordsAsync_Offset_PagesThroughInWrittenOrder()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        for (int i = 0; i < 7; i++)
        {
            await store.RecordRevisionAsync(Revision("s", $"r{i}", 1, $"Title {i}", t.AddSeconds(i)));
        }

        RecordListPage first = await store.ListRecordsAsync(new RecordQuery(null, null, 0, 3));
        RecordListPage last = await store.ListRecordsAsync(new RecordQuery(null, null, 6, 3));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Items.Select(r => r.RecordId), Is.EqualTo(new[] { "r6", "r5", "r4" }));
            Assert.That(last.Items.Select(r => r.RecordId), Is.EqualTo(new[] { "r0" }));
            Assert.That(last.Total, Is.EqualTo(7));
        }
    }

    [Test]
    public async Task RevisionsAsync_EveryWrite_InOrderWithItsManifestLine()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.RecordRevisionAsync(Revision("s", "r", 1, "One", t) with { ManifestLine = "{\"revision\":1}" });
        await store.RecordRevisionAsync(Revision("s", "r", 2, "Two", t.AddHours(1)) with { Change = "updated", ManifestLine = "{\"revision\":2}" });
        await store.RecordRevisionAsync(Revision("s", "other", 1, "Other", t));

        IReadOnlyList<RecordRevision> revisions = await store.RevisionsAsync("s", "r");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revisions.Select(r => r.Revision), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(revisions.Select(r => r.Change), Is.EqualTo(new[] { "created", "updated" }));
            Assert.That(revisions.Select(r => r.ManifestLine), Is.EqualTo(new[] { "{\"revision\":1}", "{\"revision\":2}" }));
            Assert.That(revisions[1].WrittenAt, Is.EqualTo(t.AddHours(1)));
            Assert.That(await store.FindRecordAsync("s", "r"), Has.Property(nameof(CatalogedRecord.Revision)).EqualTo(2));
            Assert.That(await store.FindRecordAsync("s", "missing"), Is.Null);
        }
    }

    [Test]
    public async Task RecordRevisionAsync_OlderRevisionEnteredLate_JoinsTheHistoryAndLeavesTheCatalogAtTheLatest()
    {
        // What 'migrate' does for a record rewritten since the upgrade: revision 2 is catalogued, then revision 1 comes.
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.RecordRevisionAsync(Revision("s", "r", 2, "Tiêu đề mới", t.AddHours(1)));
        await store.RecordRevisionAsync(Revision("s", "r", 1, "Tiêu đề cũ", t));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await store.FindRecordAsync("s", "r"), Has.Property(nameof(CatalogedRecord.Revision)).EqualTo(2).And.Property(nameof(CatalogedRecord.Title)).EqualTo("Tiêu đề mới"));
            Assert.That((await store.RevisionsAsync("s", "r")).Select(r => r.Revision), Is.EqualTo(new[] { 1, 2 }), "oldest revision first");
        }
    }

    [Test]
    public async Task LatestSourceRunsAsync_SeveralRuns_TheNewestOfEachSourceWithItsCounts()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.RecordSourceRunAsync(Run("b", t, written: 1));
        await store.RecordSourceRunAsync(Run("a", t.AddHours(1), written: 5));
        await store.RecordSourceRunAsync(Run("a", t, written: 2));

        IReadOnlyList<SourceRun> runs = await store.LatestSourceRunsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs.Select(r => r.SourceId), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(runs[0].StartedAt, Is.EqualTo(t.AddHours(1)));
            Assert.That(runs[0].Counts.Written, Is.EqualTo(5));
            Assert.That(runs[0].Duration, Is.EqualTo(TimeSpan.FromSeconds(12.5)));
            Assert.That(runs[0].Counts.FailedByReason, Is.EqualTo(new Dictionary<string, int> { ["http-404"] = 2, ["timeout"] = 1 }));
            Assert.That(runs[0].Counts.Parked.Single().Url, Is.EqualTo("https://example.vn/dead.html"));
        }
    }

    [Test]
    public async Task CompleteAsync_ArticlesOfAQueuedRun_EachOutcomeAddsToTheRunOnceUntilNoneIsPending()
    {
        // A cluster run: discovery stores the run with what it found and skipped, the workers add each article.
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset started = Time.GetUtcNow();
        var discovery = new CrawlSummary();
        discovery.AddSource(5, []);
        discovery.AddSkipped(SkipReasons.Filtered);
        var runId = Guid.NewGuid();
        await store.RecordSourceRunAsync(SourceRun.From("a", started, TimeSpan.FromSeconds(1), discovery) with { RunId = runId, Queued = 4 });
        foreach (string key in new[] { "one", "two", "three", "four" })
        {
            await store.EnqueueAsync(Item(key) with { SourceId = "a", RunId = runId });
        }

        // One of the four turned out to be queued already by an earlier run: discovery takes it back as a skip.
        var notQueued = new CrawlSummary();
        notQueued.AddSkipped(SkipReasons.Queued);
        await store.AddToSourceRunAsync(runId, SourceRunCounts.Of(notQueued), queued: -1);

        Time.Advance(TimeSpan.FromSeconds(30));
        WorkLease written = (await store.TryLeaseAsync("w1", LeaseTime))!;
        WorkLease failed = (await store.TryLeaseAsync("w2", LeaseTime))!;
        Assert.That(await store.CompleteAsync(written, Outcome(written, ArticleOutcomeKind.Written, billed: 700)), Is.True);
        Assert.That(await store.CompleteAsync(written, Outcome(written, ArticleOutcomeKind.Written, billed: 700)), Is.False, "a second completion of the same lease");
        Assert.That(await store.CompleteAsync(failed, Outcome(failed, ArticleOutcomeKind.Failed, reason: "http-503")), Is.True);
        SourceRun partway = (await store.LatestSourceRunsAsync()).Single();

        // The third lease expires and is taken over: only the completion by the new holder counts.
        WorkLease lost = (await store.TryLeaseAsync("w1", LeaseTime))!;
        Time.Advance(LeaseTime + TimeSpan.FromSeconds(1));
        WorkLease current = (await store.TryLeaseAsync("w2", LeaseTime))!;
        Assert.That(await store.CompleteAsync(lost, Outcome(lost, ArticleOutcomeKind.Written)), Is.False);
        Assert.That(await store.CompleteAsync(current, Outcome(current, ArticleOutcomeKind.Unchanged)), Is.True);
        SourceRun done = (await store.LatestSourceRunsAsync()).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(current.Item.RunId, Is.EqualTo(runId), "the lease carries the run of its item");
            Assert.That(partway.Pending, Is.EqualTo(1));
            Assert.That(partway.Queued, Is.EqualTo(3));
            Assert.That(partway.Counts.Written, Is.EqualTo(1));
            Assert.That(partway.Duration, Is.EqualTo(TimeSpan.FromSeconds(30)), "the run lasts until its latest article");
            Assert.That(done.Pending, Is.Zero);
            Assert.That(done.Counts.Discovered, Is.EqualTo(5));
            Assert.That(done.Counts.Written, Is.EqualTo(1));
            Assert.That(done.Counts.Unchanged, Is.EqualTo(1));
            Assert.That(done.Counts.Fetched, Is.EqualTo(2));
            Assert.That(done.Counts.Failed, Is.EqualTo(1));
            Assert.That(done.Counts.FailedByReason, Is.EqualTo(new Dictionary<string, int> { ["http-503"] = 1 }));
            Assert.That(done.Counts.SkippedByReason, Is.EqualTo(new Dictionary<string, int> { [SkipReasons.Filtered] = 1, [SkipReasons.Queued] = 1 }));
            Assert.That(done.Counts.BilledCharacters, Is.EqualTo(700));
            Assert.That(done.Duration, Is.EqualTo(TimeSpan.FromSeconds(91)));
        }
    }

    [Test]
    public async Task CompleteAsync_RunCountsUnreadable_TheArticleIsStillCompletedNotCrawledAgain()
    {
        IPipelineStateStore store = await OpenAsync();
        var runId = Guid.NewGuid();
        await store.RecordSourceRunAsync(SourceRun.From("a", Time.GetUtcNow(), TimeSpan.Zero, new CrawlSummary()) with { RunId = runId, Queued = 1 });
        await store.EnqueueAsync(Item("one") with { SourceId = "a", RunId = runId });
        await ExecuteSqlAsync("UPDATE {t}source_runs SET counts = '{\"written\": ' WHERE source_id = 'a'");
        WorkLease lease = (await store.TryLeaseAsync("w1", LeaseTime))!;

        bool completed = await store.CompleteAsync(lease, Outcome(lease, ArticleOutcomeKind.Written));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(completed, Is.True, "the run is a report: its damage does not keep the article in the queue");
            Assert.That(await store.CountAsync(), Is.Zero);
        }
    }

    [Test]
    public async Task CompleteAsync_ItemOfNoStoredRun_CompletesWithoutARun()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("orphan") with { RunId = Guid.NewGuid() });
        WorkLease lease = (await store.TryLeaseAsync("w1", LeaseTime))!;

        bool completed = await store.CompleteAsync(lease, Outcome(lease, ArticleOutcomeKind.Written));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(completed, Is.True);
            Assert.That(await store.CountAsync(), Is.Zero);
            Assert.That(await store.LatestSourceRunsAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task TranslationUsageAsync_SeveralDays_SumsTodayAndTheMonthOnly()
    {
        IPipelineStateStore store = await OpenAsync();
        var today = new DateTimeOffset(2025, 6, 23, 7, 0, 0, TimeSpan.Zero);
        await store.RecordTranslationUsageAsync(today, 100, 10);
        await store.RecordTranslationUsageAsync(today.AddHours(2), 50, 5);
        await store.RecordTranslationUsageAsync(today.AddDays(-3), 1000, 0);
        await store.RecordTranslationUsageAsync(new DateTimeOffset(2025, 5, 31, 23, 0, 0, TimeSpan.Zero), 7777, 7);

        // 2025-06-24 00:30 at +07:00 is still 23 June in UTC: days are UTC days.
        await store.RecordTranslationUsageAsync(new DateTimeOffset(2025, 6, 24, 0, 30, 0, TimeSpan.FromHours(7)), 1, 1);

        TranslationUsage usage = await store.TranslationUsageAsync(new DateOnly(2025, 6, 23));

        Assert.That(usage, Is.EqualTo(new TranslationUsage(151, 1151, 16, 16)));
    }

    [Test]
    public async Task PendingLanguagesAsync_SeveralRecords_CountsEachLanguageByReason()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.AddAsync(new PendingTranslation("/out/a.json", "a", ["uk", "ru"], "translation not requested", t));
        await store.AddAsync(new PendingTranslation("/out/b.json", "b", ["uk"], "translation not requested", t));
        await store.AddAsync(new PendingTranslation("/out/c.json", "c", ["th"], "translator-unavailable", t));

        IReadOnlyList<PendingLanguageCount> counts = await store.PendingLanguagesAsync();

        Assert.That(counts, Is.EqualTo(new[]
        {
            new PendingLanguageCount("translation not requested", "ru", 1),
            new PendingLanguageCount("translation not requested", "uk", 2),
            new PendingLanguageCount("translator-unavailable", "th", 1),
        }));
    }

    [Test]
    public async Task ParkedPagesAsync_ParkedAndHealthyPages_ListsOnlyParkedNewestFirst()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.SavePageAsync(new PageState(new Uri("https://example.vn/old.html"), null, null, null, PageOutcome.Failure("http-404"), 5, t, Parked: true));
        await store.SavePageAsync(new PageState(new Uri("https://example.vn/new.html"), null, null, null, PageOutcome.Failure("timeout"), 6, t.AddHours(1), Parked: true));
        await store.SavePageAsync(new PageState(new Uri("https://example.vn/ok.html"), null, null, null, PageOutcome.Written, 0, t.AddHours(2)));

        ParkedPages parked = await store.ParkedPagesAsync(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parked.Total, Is.EqualTo(2));
            Assert.That(parked.Pages.Single(), Is.EqualTo(new ParkedPage("https://example.vn/new.html", "timeout", 6, t.AddHours(1))));
        }
    }

    [Test]
    public async Task WorkQueueAsync_LeasedAndQueuedItems_GroupsLiveLeasesByWorkerWithTheirHosts()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(new WorkItem("1", "a", new Uri("https://a.example.vn/1.html")));
        await store.EnqueueAsync(new WorkItem("2", "a", new Uri("https://a.example.vn/2.html")));
        await store.EnqueueAsync(new WorkItem("3", "b", new Uri("https://b.example.vn/3.html")));
        await store.EnqueueAsync(new WorkItem("4", "b", new Uri("https://b.example.vn/4.html")));
        await store.TryLeaseAsync("worker-1", TimeSpan.FromMinutes(1));
        await store.TryLeaseAsync("worker-1", TimeSpan.FromMinutes(1));
        await store.TryLeaseAsync("worker-2", TimeSpan.FromMinutes(2));

        WorkQueueView queue = await store.WorkQueueAsync();
        Time.Advance(TimeSpan.FromSeconds(90));
        WorkQueueView later = await store.WorkQueueAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(queue.Queued, Is.EqualTo(1));
            Assert.That(queue.Workers.Select(w => (w.Owner, w.Items)), Is.EqualTo(new[] { ("worker-1", 2), ("worker-2", 1) }));
            Assert.That(queue.Workers[0].Hosts, Is.EqualTo(new[] { "a.example.vn" }));
            Assert.That(queue.Workers[1].Hosts, Is.EqualTo(new[] { "b.example.vn" }));
            Assert.That(later.Queued, Is.EqualTo(3), "expired leases count as waiting");
            Assert.That(later.Workers.Select(w => w.Owner), Is.EqualTo(new[] { "worker-2" }));
        }
    }

    private static RecordRevision Revision(string source, string id, int revision, string title, DateTimeOffset at) => new(
        source,
        id,
        revision,
        $"https://{source}.example.vn/{id}.html",
        title,
        "vi",
        at,
        revision == 1 ? "created" : "updated",
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new("vi", "original"), new KeyValuePair<string, string>("uk", "pending")]),
        "{}");

    private static SourceRunCounts Outcome(WorkLease lease, ArticleOutcomeKind kind, string? reason = null, long billed = 0) =>
        SourceRunCounts.Of(CrawlItemResult.Processed(new ArticleOutcome(lease.Item.Url, kind, reason, null, null, [], billed)));

    private static SourceRun Run(string source, DateTimeOffset at, int written) => new(
        source,
        at,
        TimeSpan.FromSeconds(12.5),
        new SourceRunCounts(
            10, 8, 1, written, 8 - written, 1, 3,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new("http-404", 2), new KeyValuePair<string, int>("timeout", 1)]),
            ImmutableSortedDictionary<string, int>.Empty,
            [new SourceRunParked("https://example.vn/dead.html", "http-404", 5)],
            1200, 300, false, null));
}
