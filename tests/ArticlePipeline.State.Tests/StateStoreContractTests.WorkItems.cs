using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State.Tests;

/// <summary>Work items with leases: idempotent enqueue, oldest first, expiry, lost leases.</summary>
public abstract partial class StateStoreContractTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(1);

    [Test]
    public async Task EnqueueAsync_SameKeyQueuedOrLeased_AddsOnlyOnce()
    {
        IPipelineStateStore store = await OpenAsync();

        bool first = await store.EnqueueAsync(Item("a"));
        bool again = await store.EnqueueAsync(Item("a") with { SourceId = "other" });
        await store.TryLeaseAsync("w1", LeaseTime);
        bool whileLeased = await store.EnqueueAsync(Item("a"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.True);
            Assert.That(again, Is.False);
            Assert.That(whileLeased, Is.False);
            Assert.That(await store.CountAsync(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task TryLeaseAsync_ItemWithRunAndListedDate_TheLeaseCarriesBoth()
    {
        IPipelineStateStore store = await OpenAsync();
        var run = Guid.NewGuid();
        var modified = new DateTimeOffset(2025, 6, 24, 16, 30, 0, TimeSpan.FromHours(7));
        await store.EnqueueAsync(Item("a") with { RunId = run, ListedModified = modified });
        await store.EnqueueAsync(Item("b"));

        WorkLease first = (await store.TryLeaseAsync("w1", LeaseTime))!;
        WorkLease second = (await store.TryLeaseAsync("w1", LeaseTime))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Item.RunId, Is.EqualTo(run));
            Assert.That(first.Item.ListedModified, Is.EqualTo(modified), "the same instant");
            Assert.That(second.Item.RunId, Is.Null);
            Assert.That(second.Item.ListedModified, Is.Null);
        }
    }

    [Test]
    public async Task EnqueueAllAsync_ItemsWithRunAndListedDate_TheLeasesCarryThem()
    {
        IPipelineStateStore store = await OpenAsync();
        var run = Guid.NewGuid();
        var modified = new DateTimeOffset(2025, 6, 24, 16, 30, 0, TimeSpan.FromHours(7));

        await store.EnqueueAllAsync([Item("a") with { RunId = run, ListedModified = modified }, Item("b") with { RunId = run }]);
        WorkLease[] leases = [(await store.TryLeaseAsync("w1", LeaseTime))!, (await store.TryLeaseAsync("w1", LeaseTime))!];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(leases.Select(l => l.Item.RunId), Is.All.EqualTo(run));
            Assert.That(leases.Single(l => l.Item.Key == "a").Item.ListedModified, Is.EqualTo(modified));
            Assert.That(leases.Single(l => l.Item.Key == "b").Item.ListedModified, Is.Null);
        }
    }

    [Test]
    public async Task EnqueueAllAsync_SomeKeysAlreadyQueued_AddsOnlyTheOthersAndSaysWhich()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));

        IReadOnlySet<string> added = await store.EnqueueAllAsync([Item("a"), Item("b"), Item("c"), Item("b")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(added, Is.EquivalentTo(new[] { "b", "c" }));
            Assert.That(await store.CountAsync(), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task HasUntakenArticlesAsync_TrueOnlyWhileAnArticleOfTheSourceWaitsUntaken()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(WorkItem.Discovery("vnexpress", new Uri("https://example.vn/")));
        bool discoveryOnly = await store.HasUntakenArticlesAsync("vnexpress");
        await store.TryLeaseAsync("w1", LeaseTime);
        await store.EnqueueAsync(Item("a"));
        bool queued = await store.HasUntakenArticlesAsync("vnexpress");
        bool otherSource = await store.HasUntakenArticlesAsync("tuoitre");
        WorkLease taken = (await store.TryLeaseAsync("w1", LeaseTime))!;
        await store.ReleaseAsync(taken, "http-500");
        bool triedOnce = await store.HasUntakenArticlesAsync("vnexpress");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(discoveryOnly, Is.False, "a discovery is not an article");
            Assert.That(queued, Is.True);
            Assert.That(otherSource, Is.False);
            Assert.That(triedOnce, Is.False, "an item already tried does not hold the source's discovery back");
        }
    }

    [Test]
    public async Task EnqueueAsync_AfterCompletion_AddsTheKeyAgain()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        await store.CompleteAsync((await store.TryLeaseAsync("w1", LeaseTime))!);

        Assert.That(await store.EnqueueAsync(Item("a")), Is.True);
    }

    [Test]
    public async Task TryLeaseAsync_EmptyQueue_ReturnsNull()
    {
        IPipelineStateStore store = await OpenAsync();

        Assert.That(await store.TryLeaseAsync("w1", LeaseTime), Is.Null);
    }

    [Test]
    public async Task TryLeaseAsync_TakesItemsOldestFirst_ThenNothing()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("first"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.EnqueueAsync(Item("second"));
        await store.EnqueueAsync(Item("third-same-time"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.EnqueueAsync(Item("fourth"));

        var keys = new List<string?>();
        for (int i = 0; i < 5; i++)
        {
            keys.Add((await store.TryLeaseAsync("w1", LeaseTime))?.Item.Key);
        }

        Assert.That(keys, Is.EqualTo(new[] { "first", "second", "third-same-time", "fourth", null }));
    }

    [Test]
    public async Task TryLeaseAsync_ReturnsItemOwnerFirstAttemptAndExpiry()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));

        WorkLease? lease = await store.TryLeaseAsync("worker-1", LeaseTime);

        Assert.That(lease, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lease!.Item, Is.EqualTo(Item("a")));
            Assert.That(lease.Owner, Is.EqualTo("worker-1"));
            Assert.That(lease.Attempt, Is.EqualTo(1));
            Assert.That(lease.Token, Is.Not.EqualTo(Guid.Empty));
            Assert.That(lease.ExpiresAt, Is.EqualTo(Time.GetUtcNow() + LeaseTime));
        }
    }

    [Test]
    public async Task TryLeaseAsync_LeaseNotExpired_OtherOwnerGetsNothing()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        await store.TryLeaseAsync("w1", LeaseTime);
        Time.Advance(LeaseTime - TimeSpan.FromSeconds(1));

        Assert.That(await store.TryLeaseAsync("w2", LeaseTime), Is.Null);
    }

    [Test]
    public async Task TryLeaseAsync_LeaseExpired_AnotherOwnerTakesItWithNewTokenAndNextAttempt()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        WorkLease first = (await store.TryLeaseAsync("w1", LeaseTime))!;
        Time.Advance(LeaseTime);

        WorkLease? second = await store.TryLeaseAsync("w2", LeaseTime);

        Assert.That(second, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second!.Item, Is.EqualTo(first.Item));
            Assert.That(second.Owner, Is.EqualTo("w2"));
            Assert.That(second.Token, Is.Not.EqualTo(first.Token));
            Assert.That(second.Attempt, Is.EqualTo(2));
            Assert.That(await store.CountAsync(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task CompleteAsync_HeldLease_RemovesTheItemOnce()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        WorkLease lease = (await store.TryLeaseAsync("w1", LeaseTime))!;

        bool completed = await store.CompleteAsync(lease);
        bool again = await store.CompleteAsync(lease);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(completed, Is.True);
            Assert.That(again, Is.False);
            Assert.That(await store.CountAsync(), Is.Zero);
        }
    }

    [Test]
    public async Task CompleteAsync_LostLease_ReturnsFalseAndKeepsTheNewOwnersItem()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        WorkLease lost = (await store.TryLeaseAsync("w1", LeaseTime))!;
        Time.Advance(LeaseTime + TimeSpan.FromSeconds(1));
        WorkLease current = (await store.TryLeaseAsync("w2", LeaseTime))!;

        bool lostCompleted = await store.CompleteAsync(lost);
        long countAfterLost = await store.CountAsync();
        bool currentCompleted = await store.CompleteAsync(current);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lostCompleted, Is.False);
            Assert.That(countAfterLost, Is.EqualTo(1));
            Assert.That(currentCompleted, Is.True);
            Assert.That(await store.CountAsync(), Is.Zero);
        }
    }

    [Test]
    public async Task ReleaseAsync_MakesTheItemAvailableAgainInItsPlace()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.EnqueueAsync(Item("b"));
        WorkLease released = (await store.TryLeaseAsync("w1", LeaseTime))!;

        await store.ReleaseAsync(released, "failed:http-503");
        WorkLease? again = await store.TryLeaseAsync("w2", LeaseTime);

        Assert.That(again, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again!.Item.Key, Is.EqualTo("a"), "a released item keeps its place before newer items");
            Assert.That(again.Attempt, Is.EqualTo(2));
            Assert.That(again.Token, Is.Not.EqualTo(released.Token));
            Assert.That(await store.CompleteAsync(released), Is.False, "the released lease is gone");
        }
    }

    [Test]
    public async Task ReleaseAsync_WithoutFailure_MakesTheItemAvailable()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));

        await store.ReleaseAsync((await store.TryLeaseAsync("w1", LeaseTime))!);

        Assert.That((await store.TryLeaseAsync("w1", LeaseTime))?.Item.Key, Is.EqualTo("a"));
    }

    [Test]
    public async Task ReleaseAsync_LostLease_LeavesTheNewOwnersLeaseAlone()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        WorkLease lost = (await store.TryLeaseAsync("w1", LeaseTime))!;
        Time.Advance(LeaseTime);
        WorkLease current = (await store.TryLeaseAsync("w2", LeaseTime))!;

        await store.ReleaseAsync(lost, "late");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await store.TryLeaseAsync("w3", LeaseTime), Is.Null, "w2 still holds the item");
            Assert.That(await store.CompleteAsync(current), Is.True);
        }
    }

    [Test]
    public async Task RenewAsync_HeldLease_ExtendsItFromNow()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        WorkLease lease = (await store.TryLeaseAsync("w1", LeaseTime))!;
        Time.Advance(TimeSpan.FromSeconds(50));

        bool renewed = await store.RenewAsync(lease, LeaseTime);
        Time.Advance(TimeSpan.FromSeconds(30));
        WorkLease? pastFirstExpiry = await store.TryLeaseAsync("w2", LeaseTime);
        Time.Advance(TimeSpan.FromSeconds(30));
        WorkLease? pastRenewedExpiry = await store.TryLeaseAsync("w2", LeaseTime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renewed, Is.True);
            Assert.That(pastFirstExpiry, Is.Null, "the renewed lease still holds 80 s after it was taken");
            Assert.That(pastRenewedExpiry?.Item.Key, Is.EqualTo("a"), "it expires one lease time after the renewal");
        }
    }

    [Test]
    public async Task RenewAsync_LostLease_ReturnsFalseAndKeepsTheNewExpiry()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        WorkLease lost = (await store.TryLeaseAsync("w1", LeaseTime))!;
        Time.Advance(LeaseTime);
        await store.TryLeaseAsync("w2", TimeSpan.FromSeconds(10));

        bool renewed = await store.RenewAsync(lost, TimeSpan.FromHours(1));
        Time.Advance(TimeSpan.FromSeconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renewed, Is.False);
            Assert.That((await store.TryLeaseAsync("w3", LeaseTime))?.Attempt, Is.EqualTo(3), "w2's lease expired on its own schedule");
        }
    }

    [Test]
    public async Task CountAsync_CountsQueuedAndLeasedItems()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.EnqueueAsync(Item("a"));
        await store.EnqueueAsync(Item("b"));
        await store.EnqueueAsync(Item("c"));
        WorkLease lease = (await store.TryLeaseAsync("w1", LeaseTime))!;

        long withLease = await store.CountAsync();
        await store.CompleteAsync(lease);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withLease, Is.EqualTo(3));
            Assert.That(await store.CountAsync(), Is.EqualTo(2));
        }
    }
}
