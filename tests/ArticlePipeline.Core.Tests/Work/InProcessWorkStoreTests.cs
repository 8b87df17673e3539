using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Work;
using ArticlePipeline.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Core.Tests.Work;

/// <summary>
/// Issue 13: the local pass's in-process work store keeps the contract the PostgreSQL store keeps for a cluster (same
/// cases as <c>PostgresStateStoreContractTests.HostLeases</c>): one holder per host, newest first, handover after the
/// host's interval, takeover after expiry.
/// </summary>
[TestFixture]
public sealed class InProcessWorkStoreTests
{
    private static readonly TimeSpan HostLeaseTime = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 23, 0, 30, 0, TimeSpan.Zero));

    [Test]
    public async Task TryLeaseHostAsync_TwoWorkers_OneHost_OnlyOneHoldsIt_AndTakesItsItemsNewestFirst()
    {
        var store = new InProcessWorkStore(_time);
        await store.EnqueueAsync(Article("a.example.vn", "old"));
        await store.EnqueueAsync(Article("a.example.vn", "new"));

        HostLease? first = await store.TryLeaseHostAsync("w1", HostLeaseTime);
        HostLease? second = await store.TryLeaseHostAsync("w2", HostLeaseTime);
        WorkLease? newest = await store.TryLeaseFromHostAsync(first!, HostLeaseTime);
        WorkLease? oldest = await store.TryLeaseFromHostAsync(first!, HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first?.Host, Is.EqualTo("a.example.vn:443"));
            Assert.That(second, Is.Null, "a host has one holder");
            Assert.That(newest?.Item.Url.AbsolutePath, Is.EqualTo("/new"));
            Assert.That(oldest?.Item.Url.AbsolutePath, Is.EqualTo("/old"));
            Assert.That(await store.TryLeaseFromHostAsync(first!, HostLeaseTime), Is.Null, "both taken");
        }
    }

    [Test]
    public async Task EnqueueAsync_SameKeyQueuedOrLeased_IsNotAddedTwice_AndCompletingRemovesIt()
    {
        var store = new InProcessWorkStore(_time);
        bool added = await store.EnqueueAsync(Article("a.example.vn", "1"));
        bool again = await store.EnqueueAsync(Article("a.example.vn", "1"));
        HostLease host = (await store.TryLeaseHostAsync("w1", HostLeaseTime))!;
        WorkLease lease = (await store.TryLeaseFromHostAsync(host, HostLeaseTime))!;
        bool whileLeased = await store.EnqueueAsync(Article("a.example.vn", "1"));
        bool completed = await store.CompleteAsync(lease);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((added, again, whileLeased, completed), Is.EqualTo((true, false, false, true)));
            Assert.That(await store.CountAsync(), Is.Zero);
        }
    }

    [Test]
    public async Task TryLeaseHostAsync_MoreHostsThanWorkers_EachLeaseIsADifferentHost_OldestWaitingFirst()
    {
        var store = new InProcessWorkStore(_time);
        foreach (string host in new[] { "a.example.vn", "b.example.vn", "c.example.vn" })
        {
            await store.EnqueueAsync(Article(host, "x"));
        }

        HostLease?[] leases = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.TryLeaseHostAsync("w1", HostLeaseTime)))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(leases.Take(3).Select(l => l?.Host), Is.EqualTo(new[] { "a.example.vn:443", "b.example.vn:443", "c.example.vn:443" }));
            Assert.That(leases[3], Is.Null, "no host left");
        }
    }

    [Test]
    public async Task ReleaseHostAsync_NotLeasableBeforeTheHostsInterval_AndTheChangeWakesTheWaiter()
    {
        var store = new InProcessWorkStore(_time);
        await store.EnqueueAsync(Article("a.example.vn", "1"));
        HostLease lease = (await store.TryLeaseHostAsync("w1", HostLeaseTime))!;
        Task changed = store.ChangedAsync();
        await store.ReleaseHostAsync(lease, _time.GetUtcNow() + TimeSpan.FromSeconds(1));

        HostLease? tooSoon = await store.TryLeaseHostAsync("w2", HostLeaseTime);
        _time.Advance(TimeSpan.FromSeconds(1));
        HostLease? after = await store.TryLeaseHostAsync("w2", HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed.IsCompleted, Is.True);
            Assert.That(tooSoon, Is.Null);
            Assert.That(after?.Owner, Is.EqualTo("w2"));
            Assert.That(after?.TakenOver, Is.False, "released, not taken over");
        }
    }

    [Test]
    public async Task TryLeaseHostAsync_ExpiredLease_IsTakenOver_AndTheOldHolderCanNeitherRenewNorTake()
    {
        var store = new InProcessWorkStore(_time);
        await store.EnqueueAsync(Article("a.example.vn", "1"));
        await store.EnqueueAsync(Article("a.example.vn", "2"));
        HostLease dead = (await store.TryLeaseHostAsync("w1", HostLeaseTime))!;
        WorkLease inFlight = (await store.TryLeaseFromHostAsync(dead, HostLeaseTime))!;

        _time.Advance(HostLeaseTime);
        HostLease? taken = await store.TryLeaseHostAsync("w2", HostLeaseTime);
        WorkLease? first = await store.TryLeaseFromHostAsync(taken!, HostLeaseTime);
        WorkLease? second = await store.TryLeaseFromHostAsync(taken!, HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken?.TakenOver, Is.True);
            Assert.That(await store.RenewHostAsync(dead, HostLeaseTime), Is.False);
            Assert.That(await store.TryLeaseFromHostAsync(dead, HostLeaseTime), Is.Null, "a lost host lease takes nothing");
            Assert.That(new[] { first?.Item.Key, second?.Item.Key }, Is.EquivalentTo(new[] { "https://a.example.vn/1", "https://a.example.vn/2" }), "the dead worker's item too, its lease having expired");
            Assert.That(await store.CompleteAsync(inFlight), Is.False, "the expired lease completes nothing");
        }
    }

    [Test]
    public Task TryLeaseNamedHostAsync_FeedHostWithoutItems_OneWorkerAtATime_SharedWithItsOwnHolder_FreeAfterItsTurn() =>
        HostLeaseContract.FeedHostWithoutItems_OneWorkerAtATime_SharedWithItsOwnHolder_FreeAfterItsTurn(new InProcessWorkStore(_time), _time, _time.Advance);

    [Test]
    public Task TryLeaseNamedHostAsync_HostHeldForItsItems_NotGivenToAnotherWorker_TakenOverOnlyOnceExpired()
    {
        var store = new InProcessWorkStore(_time);
        return HostLeaseContract.HostHeldForItsItems_NotGivenToAnotherWorker_TakenOverOnlyOnceExpired(store, store, _time.Advance);
    }

    [Test]
    public Task TryLeaseNamedHostAsync_BusyHostWantedByName_HolderTakesNoFurtherItem_WaiterGetsTheNextTurn()
    {
        var store = new InProcessWorkStore(_time);
        return HostLeaseContract.BusyHostWantedByName_HolderTakesNoFurtherItem_WaiterGetsTheNextTurn(store, store, _time, _time.Advance);
    }

    [Test]
    public Task TryLeaseNamedHostAsync_WantedByAWorkerThatStoppedAsking_HolderTakesItemsAgainOnceTheWantLapses()
    {
        var store = new InProcessWorkStore(_time);
        return HostLeaseContract.WantedByAWorkerThatStoppedAsking_HolderTakesItemsAgainOnceTheWantLapses(store, store, _time.Advance);
    }

    private static WorkItem Article(string host, string path) => new($"https://{host}/{path}", "s", new Uri($"https://{host}/{path}"));
}
