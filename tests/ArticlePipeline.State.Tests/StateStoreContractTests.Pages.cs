using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State.Tests;

/// <summary>Page state: validators, hashes, retry state.</summary>
public abstract partial class StateStoreContractTests
{
    private static readonly Uri PageUrl = new("https://vnexpress.net/bai-viet-4811111.html");

    [Test]
    public async Task GetPageAsync_NeverSaved_ReturnsNull()
    {
        IPipelineStateStore store = await OpenAsync();

        Assert.That(await store.GetPageAsync(PageUrl), Is.Null);
    }

    [Test]
    public async Task GetPagesAsync_AListingOfKnownAndNewUrls_ReturnsEveryStoredStateByUrlAndNothingForTheRest()
    {
        IPipelineStateStore store = await OpenAsync();
        Uri[] listed = [.. Enumerable.Range(0, 1500).Select(i => new Uri($"https://baomau.vn/tin-tuc/bai-{i}-a{i}.html"))];
        PageState[] saved = [.. listed.Where((_, i) => i % 3 == 0).Select((u, i) => new PageState(
            u, new FetchValidators($"\"e{i}\"", null), "sha256:" + i, null, i % 2 == 0 ? PageOutcome.Written : PageOutcome.Failure("http-500"), i % 5, Time.GetUtcNow(), Parked: i % 7 == 0))];
        foreach (PageState state in saved)
        {
            await store.SavePageAsync(state);
        }

        // Every URL twice: a listing repeats links.
        IReadOnlyDictionary<string, PageState> found = await store.GetPagesAsync([.. listed, .. listed]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(found.Keys, Is.EquivalentTo(saved.Select(s => s.Url.AbsoluteUri)));
            foreach (PageState state in saved)
            {
                Assert.That(found[state.Url.AbsoluteUri], Is.EqualTo(state), state.Url.AbsoluteUri);
            }

            Assert.That(await store.GetPagesAsync([]), Is.Empty);
        }
    }

    [Test]
    public async Task SavePageAsync_EveryField_RoundTrips()
    {
        IPipelineStateStore store = await OpenAsync();
        var state = new PageState(
            PageUrl,
            new FetchValidators("\"v1-abc\"", new DateTimeOffset(2025, 6, 22, 10, 0, 0, TimeSpan.FromHours(7))),
            "sha256:aa",
            "/out/records/vnexpress/2025/06/abc.json",
            PageOutcome.Failure("http-500"),
            3,
            new DateTimeOffset(2025, 6, 23, 14, 30, 15, 123, TimeSpan.FromHours(7)),
            NextAttemptAt: new DateTimeOffset(2025, 6, 23, 8, 30, 0, TimeSpan.Zero),
            Parked: true,
            Revisits: 3);

        await store.SavePageAsync(state);

        Assert.That(await store.GetPageAsync(PageUrl), Is.EqualTo(state));
    }

    [Test]
    public async Task SavePageAsync_NullValidatorsAndOptionalFields_RoundTrip()
    {
        IPipelineStateStore store = await OpenAsync();
        var state = new PageState(PageUrl, null, null, null, PageOutcome.Failure("not-an-article"), 0, Time.GetUtcNow());

        await store.SavePageAsync(state);

        PageState? read = await store.GetPageAsync(PageUrl);
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(state));
            Assert.That(read!.Validators, Is.Null);
            Assert.That(read.NextAttemptAt, Is.Null);
            Assert.That(read.Parked, Is.False);
        });
    }

    [TestCase("\"etag-only\"", false)]
    [TestCase(null, true)]
    public async Task SavePageAsync_OneValidator_RoundTrips(string? etag, bool withLastModified)
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset? lastModified = withLastModified ? new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) : null;
        var state = new PageState(PageUrl, new FetchValidators(etag, lastModified), "sha256:bb", null, PageOutcome.Written, 0, Time.GetUtcNow());

        await store.SavePageAsync(state);

        Assert.That((await store.GetPageAsync(PageUrl))?.Validators, Is.EqualTo(new FetchValidators(etag, lastModified)));
    }

    [Test]
    public async Task SavePageAsync_EveryOutcomeKind_RoundTripsTyped()
    {
        IPipelineStateStore store = await OpenAsync();
        PageOutcome[] outcomes =
        [
            PageOutcome.Written,
            PageOutcome.Unchanged,
            PageOutcome.NotModified,
            PageOutcome.Failure("http-500"),
            PageOutcome.Failure("failed:odd"),
            PageOutcome.DuplicateOf(new Uri("https://other.vn/goc?id=1#x")),
            PageOutcome.SeenAs(new Uri("https://example.vn/chuan")),
        ];

        var read = new List<PageOutcome?>();
        foreach (PageOutcome outcome in outcomes)
        {
            await store.SavePageAsync(new PageState(PageUrl, null, null, null, outcome, 0, Time.GetUtcNow()));
            read.Add((await store.GetPageAsync(PageUrl))?.LastOutcome);
        }

        Assert.That(read, Is.EqualTo(outcomes));
    }

    [Test]
    public async Task SavePageAsync_Again_ReplacesTheState()
    {
        IPipelineStateStore store = await OpenAsync();
        var failed = new PageState(PageUrl, null, null, null, PageOutcome.Failure("timeout"), 2, Time.GetUtcNow(), Time.GetUtcNow().AddMinutes(10), Parked: false);
        await store.SavePageAsync(failed);
        Time.Advance(TimeSpan.FromMinutes(11));
        var written = new PageState(PageUrl, new FetchValidators("\"e\"", null), "sha256:cc", "/out/a.json", PageOutcome.Written, 0, Time.GetUtcNow());

        await store.SavePageAsync(written);

        Assert.That(await store.GetPageAsync(PageUrl), Is.EqualTo(written));
    }

    [Test]
    public async Task FindByContentHashAsync_SharedHash_ReturnsTheUrlStoredEarliest()
    {
        IPipelineStateStore store = await OpenAsync();
        var original = new Uri("https://tuoitre.vn/original.htm");
        var copy = new Uri("https://thanhnien.vn/copy.htm");

        // 10:00+07:00 is 03:00Z, earlier than 05:00Z although its text sorts later: the order must be by instant.
        await store.SavePageAsync(new PageState(copy, null, "sha256:same", null, PageOutcome.Written, 0, new DateTimeOffset(2025, 6, 23, 5, 0, 0, TimeSpan.Zero)));
        await store.SavePageAsync(new PageState(original, null, "sha256:same", null, PageOutcome.Written, 0, new DateTimeOffset(2025, 6, 23, 10, 0, 0, TimeSpan.FromHours(7))));
        await store.SavePageAsync(new PageState(PageUrl, null, "sha256:other", null, PageOutcome.Written, 0, new DateTimeOffset(2025, 6, 23, 1, 0, 0, TimeSpan.Zero)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await store.FindByContentHashAsync("sha256:same"), Is.EqualTo(original));
            Assert.That(await store.FindByContentHashAsync("sha256:other"), Is.EqualTo(PageUrl));
            Assert.That(await store.FindByContentHashAsync("sha256:unknown"), Is.Null);
        }
    }
}
