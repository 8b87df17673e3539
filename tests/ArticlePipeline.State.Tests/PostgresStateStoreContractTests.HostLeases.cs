using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing;

namespace ArticlePipeline.State.Tests;

/// <summary>Issue 13: host leases on PostgreSQL, with the fake clock: one holder per host, newest first, handover after the host's interval, takeover after expiry.</summary>
public sealed partial class PostgresStateStoreContractTests
{
    private static readonly TimeSpan HostLeaseTime = TimeSpan.FromSeconds(30);

    [Test]
    public async Task TryLeaseHostAsync_TwoWorkers_OneHost_OnlyOneHoldsIt_AndTakesItsItemsNewestFirst()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await store.EnqueueAsync(Article("a.example.vn", "old"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.EnqueueAsync(Article("a.example.vn", "new"));

        HostLease? first = await hosts.TryLeaseHostAsync("w1", HostLeaseTime);
        HostLease? second = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);
        WorkLease? newest = await hosts.TryLeaseFromHostAsync(first!, HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first?.Host, Is.EqualTo("a.example.vn:443"));
            Assert.That(first?.TakenOver, Is.False);
            Assert.That(second, Is.Null, "a host has one holder");
            Assert.That(newest?.Item.Url.AbsolutePath, Is.EqualTo("/new"));
            Assert.That(newest?.Owner, Is.EqualTo("w1"));
        }
    }

    [Test]
    public async Task TryLeaseHostAsync_MoreHostsThanWorkers_EachWorkerGetsADifferentHost()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        foreach (string host in new[] { "a.example.vn", "b.example.vn", "c.example.vn" })
        {
            await store.EnqueueAsync(Article(host, "x"));
        }

        HostLease?[] leases = [await hosts.TryLeaseHostAsync("w1", HostLeaseTime), await hosts.TryLeaseHostAsync("w1", HostLeaseTime), await hosts.TryLeaseHostAsync("w2", HostLeaseTime), await hosts.TryLeaseHostAsync("w2", HostLeaseTime)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(leases.Take(3).Select(l => l?.Host), Is.Unique.And.No.Null, "three hosts, three leases, one worker holding two");
            Assert.That(leases[3], Is.Null, "no host left");
        }
    }

    [Test]
    public async Task TryLeaseHostAsync_SaysHowManyHostsWereWaiting()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        foreach (string host in new[] { "a.example.vn", "b.example.vn", "c.example.vn" })
        {
            await store.EnqueueAsync(Article(host, "x"));
        }

        HostLease? first = await hosts.TryLeaseHostAsync("w1", HostLeaseTime);
        HostLease? second = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first?.Waiting, Is.EqualTo(3), "the one taken included");
            Assert.That(second?.Waiting, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task EnqueueAllAsync_TheHostsHolderTakesTheLastGivenFirst()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await store.EnqueueAllAsync([Article("a.example.vn", "oldest"), Article("a.example.vn", "middle"), Article("a.example.vn", "newest")]);
        HostLease lease = (await hosts.TryLeaseHostAsync("w1", HostLeaseTime))!;

        var taken = new List<string>();
        while (await hosts.TryLeaseFromHostAsync(lease, HostLeaseTime) is { } item)
        {
            taken.Add(item.Item.Url.AbsolutePath);
        }

        Assert.That(taken, Is.EqualTo(new[] { "/newest", "/middle", "/oldest" }));
    }

    [Test]
    public async Task RenewHostAsync_WithARetryAfter_ATakeoverAfterExpiryWaitsForIt()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await store.EnqueueAsync(Article("a.example.vn", "1"));
        HostLease dead = (await hosts.TryLeaseHostAsync("w1", HostLeaseTime))!;
        bool renewed = await hosts.RenewHostAsync(dead, HostLeaseTime, Time.GetUtcNow() + TimeSpan.FromSeconds(90));
        await hosts.RenewHostAsync(dead, HostLeaseTime, Time.GetUtcNow() + TimeSpan.FromSeconds(1));

        Time.Advance(HostLeaseTime);
        HostLease? expiredButDeferred = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);
        Time.Advance(TimeSpan.FromSeconds(60));
        HostLease? after = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renewed, Is.True);
            Assert.That(expiredButDeferred, Is.Null, "the lease expired, but the server asked for 90 s (a later, shorter time does not shorten it)");
            Assert.That(after?.TakenOver, Is.True);
        }
    }

    [Test]
    public async Task ReleaseHostAsync_NotLeasableBeforeTheHostsInterval()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await store.EnqueueAsync(Article("a.example.vn", "1"));
        HostLease lease = (await hosts.TryLeaseHostAsync("w1", HostLeaseTime))!;
        await hosts.ReleaseHostAsync(lease, Time.GetUtcNow() + TimeSpan.FromSeconds(1));

        HostLease? tooSoon = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);
        Time.Advance(TimeSpan.FromSeconds(1));
        HostLease? after = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooSoon, Is.Null);
            Assert.That(after?.Owner, Is.EqualTo("w2"));
            Assert.That(after?.TakenOver, Is.False, "released, not taken over");
        }
    }

    [Test]
    public async Task TryLeaseHostAsync_ExpiredLease_IsTakenOver_AndTheOldHolderCanNeitherRenewNorTake()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await store.EnqueueAsync(Article("a.example.vn", "1"));
        await store.EnqueueAsync(Article("a.example.vn", "2"));
        HostLease dead = (await hosts.TryLeaseHostAsync("w1", HostLeaseTime))!;
        WorkLease inFlight = (await hosts.TryLeaseFromHostAsync(dead, HostLeaseTime))!;

        Time.Advance(HostLeaseTime);
        HostLease? taken = await hosts.TryLeaseHostAsync("w2", HostLeaseTime);
        WorkLease? first = await hosts.TryLeaseFromHostAsync(taken!, HostLeaseTime);
        WorkLease? second = await hosts.TryLeaseFromHostAsync(taken!, HostLeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken?.TakenOver, Is.True);
            Assert.That(await hosts.RenewHostAsync(dead, HostLeaseTime), Is.False);
            Assert.That(await hosts.TryLeaseFromHostAsync(dead, HostLeaseTime), Is.Null, "a lost host lease takes nothing");
            Assert.That(new[] { first?.Item.Key, second?.Item.Key }, Is.EquivalentTo(new[] { inFlight.Item.Key, "https://a.example.vn/" + (inFlight.Item.Url.AbsolutePath == "/1" ? "2" : "1") }), "the dead worker's item too, its lease having expired");
        }
    }

    private async Task<(IPipelineStateStore Store, IHostLeaseStore Hosts)> HostsAsync()
    {
        IPipelineStateStore store = await OpenAsync();
        return (store, (IHostLeaseStore)store);
    }

    [Test]
    public async Task TryLeaseNamedHostAsync_FeedHostWithoutItems_OneWorkerAtATime_SharedWithItsOwnHolder_FreeAfterItsTurn()
    {
        (_, IHostLeaseStore hosts) = await HostsAsync();
        await HostLeaseContract.FeedHostWithoutItems_OneWorkerAtATime_SharedWithItsOwnHolder_FreeAfterItsTurn(hosts, Time, Time.Advance);
    }

    [Test]
    public async Task TryLeaseNamedHostAsync_HostHeldForItsItems_NotGivenToAnotherWorker_TakenOverOnlyOnceExpired()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await HostLeaseContract.HostHeldForItsItems_NotGivenToAnotherWorker_TakenOverOnlyOnceExpired(hosts, store, Time.Advance);
    }

    [Test]
    public async Task TryLeaseNamedHostAsync_BusyHostWantedByName_HolderTakesNoFurtherItem_WaiterGetsTheNextTurn()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await HostLeaseContract.BusyHostWantedByName_HolderTakesNoFurtherItem_WaiterGetsTheNextTurn(hosts, store, Time, Time.Advance);
    }

    [Test]
    public async Task TryLeaseNamedHostAsync_WantedByAWorkerThatStoppedAsking_HolderTakesItemsAgainOnceTheWantLapses()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        await HostLeaseContract.WantedByAWorkerThatStoppedAsking_HolderTakesItemsAgainOnceTheWantLapses(hosts, store, Time.Advance);
    }

    private static WorkItem Article(string host, string path) => new($"https://{host}/{path}", "s", new Uri($"https://{host}/{path}"));
}

/// <summary>Issue 16 with issue 13: the console's work queue names the hosts each worker leases.</summary>
public sealed partial class PostgresStateStoreContractTests
{
    [Test]
    public async Task WorkQueueAsync_HostsLeasedByTwoWorkers_ListsEachWorkerWithItsHosts()
    {
        (IPipelineStateStore store, IHostLeaseStore hosts) = await HostsAsync();
        foreach (string host in new[] { "a.example.vn", "b.example.vn", "c.example.vn" })
        {
            await store.EnqueueAsync(Article(host, "x"));
        }

        HostLease first = (await hosts.TryLeaseHostAsync("w1", HostLeaseTime))!;
        HostLease second = (await hosts.TryLeaseHostAsync("w1", HostLeaseTime))!;
        HostLease third = (await hosts.TryLeaseHostAsync("w2", HostLeaseTime))!;
        State.Operations.WorkQueueView queue = await ((State.Operations.IOperationsQueries)store).WorkQueueAsync();

        Assert.That(
            queue.Workers.Select(w => $"{w.Owner}: {string.Join(", ", w.Hosts)}"),
            Is.EqualTo(new[]
            {
                $"w1: {string.Join(", ", new[] { first.Host, second.Host }.Order(StringComparer.Ordinal))}",
                $"w2: {third.Host}",
            }));
    }
}
