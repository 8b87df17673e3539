using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Work;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Core.Tests.Work;

/// <summary>
/// Issue 13: a request a host's holder makes to another host (a feed or sitemap there, a redirect) waits for that
/// host's lease, holds it while the answer is read, and gives it back with the fetcher's next turn; a host held by
/// another worker for too long fails the request instead of waiting for ever.
/// </summary>
[TestFixture]
public sealed class HostGateTests
{
    private const string Held = "a.example.vn:443";
    private static readonly Uri Feed = new("https://feeds.example.vn/rss.xml");
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task EnterAsync_TheHeldHostOrAFile_GoesAtOnce()
    {
        var store = new InProcessWorkStore(_time);
        HostGate gate = Gate(store, "w1");

        Task<IAsyncDisposable?> own = gate.EnterAsync(new Uri("https://a.example.vn/tin-tuc/1.html"), CancellationToken.None).AsTask();
        Task<IAsyncDisposable?> file = gate.EnterAsync(new Uri("file:///srv/feed.xml"), CancellationToken.None).AsTask();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(own.IsCompletedSuccessfully, Is.True, "the held host is asked without waiting");
            Assert.That(file is { IsCompletedSuccessfully: true, Result: null }, Is.True, "a file has no host to hold");
        }

        await (await own)!.DisposeAsync();
    }

    [Test]
    public async Task Release_ARequestToTheHeldHostStillRunning_TheHostIsKeptUntilItIsAnswered_ThenAskedByLeaseLikeAnyOther()
    {
        var store = new InProcessWorkStore(_time);
        var uses = new HostUses();
        HostGate gate = Gate(store, "w1", uses: uses);
        IAsyncDisposable running = (await gate.EnterAsync(new Uri("https://a.example.vn/en/1.html"), CancellationToken.None))!;

        gate.StopHolding();
        Task releasing = uses.BeginReleaseAsync(Held);
        bool keptWhileRunning = !releasing.IsCompleted;
        await running.DisposeAsync();
        await releasing.WaitAsync(TimeSpan.FromSeconds(10));
        uses.EndRelease(Held);
        IAsyncDisposable? after = await gate.EnterAsync(new Uri("https://a.example.vn/en/2.html"), CancellationToken.None);
        HostLease? otherWorker = await store.TryLeaseNamedHostAsync(Held, "w2", Lease);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keptWhileRunning, Is.True, "the holding is not given up while its request is unanswered");
            Assert.That(after, Is.Not.Null);
            Assert.That(otherWorker, Is.Null, "after the holding ended, a request to that host takes its lease, which no other worker then gets");
        }
    }

    [Test]
    public async Task Release_ARequestOfAnotherHoldingSharesTheHost_TheHolderKeepsItUntilThatRequestIsAnswered()
    {
        var store = new InProcessWorkStore(_time);
        await store.EnqueueAsync(new WorkItem("https://feeds.example.vn/a", "s", new Uri("https://feeds.example.vn/a")));
        HostLease feeds = (await store.TryLeaseHostAsync("w1", Lease))!;
        var uses = new HostUses();
        HostGate gate = Gate(store, "w1", uses: uses);

        // The holding of a.example.vn reads a feed on feeds.example.vn, which the same process holds for its items.
        IAsyncDisposable shared = (await gate.EnterAsync(Feed, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))!;
        Task releasing = uses.BeginReleaseAsync(feeds.Host);
        bool keptWhileShared = !releasing.IsCompleted;
        await shared.DisposeAsync();
        await releasing.WaitAsync(TimeSpan.FromSeconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keptWhileShared, Is.True, "the holder of feeds.example.vn does not give it up under the shared request");
            Assert.That(await store.RenewHostAsync(feeds, Lease), Is.True, "the shared request took no lease of its own");
        }
    }

    [Test]
    public async Task EnterAsync_FeedHostAnotherWorkerHolds_WaitsForItsRelease_KeepsItFromOthersWhileAsking_ThenFreesItAtTheNextTurn()
    {
        var store = new InProcessWorkStore(_time);
        await store.EnqueueAsync(new WorkItem(Feed.AbsoluteUri + "#a", "s", new Uri("https://feeds.example.vn/a")));
        HostLease other = (await store.TryLeaseHostAsync("w2", Lease))!;
        DateTimeOffset nextTurn = _time.GetUtcNow() + TimeSpan.FromSeconds(7);
        HostGate gate = Gate(store, "w1", pacing: new Pacing(nextTurn));

        Task<IAsyncDisposable?> entering = gate.EnterAsync(Feed, CancellationToken.None).AsTask();
        bool waitedWhileHeld = !entering.IsCompleted;
        await store.ReleaseHostAsync(other, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        IAsyncDisposable? turn = await entering.WaitAsync(TimeSpan.FromSeconds(10));
        HostLease? whileAsking = await store.TryLeaseHostAsync("w2", Lease);
        await turn!.DisposeAsync();
        HostLease? beforeTheTurn = await store.TryLeaseHostAsync("w2", Lease);
        _time.Advance(nextTurn - _time.GetUtcNow());
        HostLease? atTheTurn = await store.TryLeaseHostAsync("w2", Lease);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(waitedWhileHeld, Is.True, "no request while another worker holds the host");
            Assert.That(whileAsking, Is.Null, "while w1 asks the feed host, w2 does not take it for its items");
            Assert.That(beforeTheTurn, Is.Null, "given back with the fetcher's next turn for the host");
            Assert.That(atTheTurn?.Host, Is.EqualTo("feeds.example.vn:443"));
        }
    }

    [Test]
    public async Task EnterAsync_HostHeldLongerThanTheWait_FailsWithHostBusy()
    {
        var store = new InProcessWorkStore(_time);
        await store.EnqueueAsync(new WorkItem("https://feeds.example.vn/a", "s", new Uri("https://feeds.example.vn/a")));
        _ = await store.TryLeaseHostAsync("w2", Lease);
        HostGate gate = Gate(store, "w1", wait: TimeSpan.FromSeconds(3));

        Task<IAsyncDisposable?> entering = gate.EnterAsync(Feed, CancellationToken.None).AsTask();
        for (int i = 0; i < 4 && !entering.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        HostBusyException? busy = Assert.ThrowsAsync<HostBusyException>(async () => await entering.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(busy?.Message, Does.Contain("feeds.example.vn:443").And.Contain("another worker"));
    }

    private HostGate Gate(InProcessWorkStore store, string owner, IHostPacing? pacing = null, TimeSpan? wait = null, HostUses? uses = null) =>
        new(Held, store, uses ?? new HostUses(), new HostWorkLoopOptions { Owner = owner, LeaseDuration = Lease, PollInterval = TimeSpan.FromSeconds(1), ForeignHostWait = wait ?? TimeSpan.FromMinutes(1), Pacing = pacing }, _time, NullLogger.Instance);

    private sealed class Pacing(DateTimeOffset next) : IHostPacing
    {
        public DateTimeOffset? NotBefore(Uri url) => next;
    }
}
