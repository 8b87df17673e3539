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
}
