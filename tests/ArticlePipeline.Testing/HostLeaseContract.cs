using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using NUnit.Framework;

namespace ArticlePipeline.Testing;

/// <summary>
/// Host leases taken by name (a feed, robots.txt or redirect on another host), as every <see cref="IHostLeaseStore"/>
/// must give them: the in-process store of a local pass and PostgreSQL's of a cluster run the same cases.
/// </summary>
public static class HostLeaseContract
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    /// <summary>A host with nothing queued is leased by name by one worker at a time, shared with its own holder, free after the turn its release named.</summary>
    /// <param name="hosts">The store under test.</param>
    /// <param name="time">Its clock.</param>
    /// <param name="advance">Moves that clock on.</param>
    /// <returns>A task.</returns>
    public static async Task FeedHostWithoutItems_OneWorkerAtATime_SharedWithItsOwnHolder_FreeAfterItsTurn(IHostLeaseStore hosts, TimeProvider time, Action<TimeSpan> advance)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(advance);
        const string feeds = "feeds.example.vn:443";
        HostLease? taken = await hosts.TryLeaseNamedHostAsync(feeds, "w1", LeaseTime);
        HostLease? other = await hosts.TryLeaseNamedHostAsync(feeds, "w2", LeaseTime);
        HostLease? own = await hosts.TryLeaseNamedHostAsync(feeds, "w1", LeaseTime);
        await hosts.ReleaseHostAsync(taken!, time.GetUtcNow() + TimeSpan.FromSeconds(2));
        HostLease? early = await hosts.TryLeaseNamedHostAsync(feeds, "w2", LeaseTime);
        advance(TimeSpan.FromSeconds(2));
        HostLease? after = await hosts.TryLeaseNamedHostAsync(feeds, "w2", LeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken, Is.Not.Null, "a host nobody holds, with nothing queued, is leased by name");
            Assert.That(taken?.Shared, Is.False);
            Assert.That(other, Is.Null, "while w1 holds it, w2 does not get it");
            Assert.That(own?.Shared, Is.True, "w1 asking again shares its own lease");
            Assert.That(own?.Token, Is.EqualTo(taken?.Token));
            Assert.That(early, Is.Null, "not before the turn the release named");
            Assert.That(after is { Shared: false, Owner: "w2" }, Is.True, "w2 gets it after that");
        }
    }

    /// <summary>A host held for its queued items is not leased by name by another worker until that lease expires.</summary>
    /// <param name="hosts">The store under test.</param>
    /// <param name="work">The queue over the same hosts.</param>
    /// <param name="advance">Moves the store's clock on.</param>
    /// <returns>A task.</returns>
    public static async Task HostHeldForItsItems_NotGivenToAnotherWorker_TakenOverOnlyOnceExpired(IHostLeaseStore hosts, IWorkItemStore work, Action<TimeSpan> advance)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(advance);
        await work.EnqueueAsync(new WorkItem("https://a.example.vn/x", "s", new Uri("https://a.example.vn/x")));
        HostLease holder = (await hosts.TryLeaseHostAsync("w1", LeaseTime))!;

        HostLease? whileHeld = await hosts.TryLeaseNamedHostAsync(holder.Host, "w2", LeaseTime);
        advance(LeaseTime);
        HostLease? expired = await hosts.TryLeaseNamedHostAsync(holder.Host, "w2", LeaseTime);
        HostLease? byItems = await hosts.TryLeaseHostAsync("w3", LeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileHeld, Is.Null, "the holder of a host's items keeps it from a feed request of another worker");
            Assert.That(expired?.TakenOver, Is.True);
            Assert.That(await hosts.RenewHostAsync(holder, LeaseTime), Is.False, "the old holder has lost it");
            Assert.That(byItems, Is.Null, "while leased by name, no worker takes the host for its items");
        }
    }

    /// <summary>
    /// A host whose holder always has items queued is given up to a worker asking for it by name: the holder gets no
    /// further item, nobody takes the host for its items before the waiter's turn, and its items are taken again after.
    /// </summary>
    /// <param name="hosts">The store under test.</param>
    /// <param name="work">The queue over the same hosts.</param>
    /// <param name="time">Its clock.</param>
    /// <param name="advance">Moves that clock on.</param>
    /// <returns>A task.</returns>
    public static async Task BusyHostWantedByName_HolderTakesNoFurtherItem_WaiterGetsTheNextTurn(IHostLeaseStore hosts, IWorkItemStore work, TimeProvider time, Action<TimeSpan> advance)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(advance);
        foreach (string path in new[] { "1", "2", "3" })
        {
            await work.EnqueueAsync(new WorkItem("https://a.example.vn/" + path, "s", new Uri("https://a.example.vn/" + path)));
        }

        HostLease holder = (await hosts.TryLeaseHostAsync("w1", LeaseTime))!;
        WorkLease? beforeAsked = await hosts.TryLeaseFromHostAsync(holder, LeaseTime);
        HostLease? asked = await hosts.TryLeaseNamedHostAsync(holder.Host, "w2", LeaseTime, wantedFor: TimeSpan.FromSeconds(1));
        WorkLease? whileWanted = await hosts.TryLeaseFromHostAsync(holder, LeaseTime);
        await work.CompleteAsync(beforeAsked!);

        // Given back with its interval: asked again before that, the host is wanted anew (the first want lapses first).
        await hosts.ReleaseHostAsync(holder, time.GetUtcNow() + TimeSpan.FromSeconds(2));
        HostLease? beforeItsInterval = await hosts.TryLeaseNamedHostAsync(holder.Host, "w2", LeaseTime, wantedFor: TimeSpan.FromSeconds(5));
        advance(TimeSpan.FromSeconds(2));
        HostLease? forItemsBeforeTheTurn = await hosts.TryLeaseHostAsync("w3", LeaseTime);
        HostLease? turn = await hosts.TryLeaseNamedHostAsync(holder.Host, "w2", LeaseTime);
        await hosts.ReleaseHostAsync(turn!, time.GetUtcNow());
        HostLease? forItemsAfter = await hosts.TryLeaseHostAsync("w3", LeaseTime);
        WorkLease? resumed = forItemsAfter is null ? null : await hosts.TryLeaseFromHostAsync(forItemsAfter, LeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeAsked, Is.Not.Null, "nobody waiting: the holder takes its items");
            Assert.That(asked, Is.Null, "the host is held: not granted at once");
            Assert.That(whileWanted, Is.Null, "once wanted, the holder is given no further item, and so gives the host up");
            Assert.That(beforeItsInterval, Is.Null, "not before the released host's interval");
            Assert.That(forItemsBeforeTheTurn, Is.Null, "no worker takes the host for its items before the waiting one's turn");
            Assert.That(turn is { Owner: "w2", Shared: false }, Is.True, "the waiting worker gets the host");
            Assert.That(forItemsAfter?.Host, Is.EqualTo(holder.Host), "after its turn the host is taken for its items again");
            Assert.That(resumed?.Item.Key, Is.EqualTo("https://a.example.vn/2"), "the newest item left");
        }
    }

    /// <summary>A worker that asked for a busy host and stopped asking (it gave up, or died) holds the holder back only until its want lapses.</summary>
    /// <param name="hosts">The store under test.</param>
    /// <param name="work">The queue over the same hosts.</param>
    /// <param name="advance">Moves the store's clock on.</param>
    /// <returns>A task.</returns>
    public static async Task WantedByAWorkerThatStoppedAsking_HolderTakesItemsAgainOnceTheWantLapses(IHostLeaseStore hosts, IWorkItemStore work, Action<TimeSpan> advance)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(advance);
        await work.EnqueueAsync(new WorkItem("https://a.example.vn/1", "s", new Uri("https://a.example.vn/1")));
        HostLease holder = (await hosts.TryLeaseHostAsync("w1", LeaseTime))!;
        await hosts.TryLeaseNamedHostAsync(holder.Host, "w2", LeaseTime, wantedFor: TimeSpan.FromSeconds(6));
        WorkLease? wanted = await hosts.TryLeaseFromHostAsync(holder, LeaseTime);
        advance(TimeSpan.FromSeconds(5));
        WorkLease? stillWanted = await hosts.TryLeaseFromHostAsync(holder, LeaseTime);
        advance(TimeSpan.FromSeconds(2));
        WorkLease? lapsed = await hosts.TryLeaseFromHostAsync(holder, LeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wanted, Is.Null);
            Assert.That(stillWanted, Is.Null, "wanted for the time the waiter said");
            Assert.That(lapsed?.Item.Key, Is.EqualTo("https://a.example.vn/1"), "then the holder takes its items again, its lease long from over");
        }
    }
}
