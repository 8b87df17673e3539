using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing;

namespace ArticlePipeline.State.Tests;

/// <summary>Several workers on one store: no item is ever leased twice, every item is completed exactly once.</summary>
public abstract partial class StateStoreContractTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task TwoProcesses_LeasingConcurrently_LeaseAndCompleteEveryItemExactlyOnce(CancellationToken cancellationToken)
    {
        const int Items = 200;
        using var folder = new TempDirectory();
        IPipelineStateStore store = await OpenAsync(TimeProvider.System);
        List<string> keys = [.. Enumerable.Range(0, Items).Select(i => $"item-{i:D4}")];
        foreach (string key in keys)
        {
            await store.EnqueueAsync(Item(key), cancellationToken);
        }

        (string provider, string connectionString, string? schema) = WorkerArguments;
        await using var one = LeaseWorkerProcess.Start(provider, connectionString, "worker-1", folder.Combine("worker-1.txt"), schema);
        await using var two = LeaseWorkerProcess.Start(provider, connectionString, "worker-2", folder.Combine("worker-2.txt"), schema);
        await Task.WhenAll(one.WaitUntilReadyAsync(cancellationToken), two.WaitUntilReadyAsync(cancellationToken));
        one.Go();
        two.Go();
        LeaseWorkerResult[] results = await Task.WhenAll(one.WaitForExitAsync(cancellationToken), two.WaitForExitAsync(cancellationToken));

        foreach (LeaseWorkerResult result in results)
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }

        List<string> leased = [.. results.SelectMany(r => r.Leased)];
        List<string> completed = [.. results.SelectMany(r => r.Completed)];
        TestContext.Out.WriteLine($"completed per worker: {string.Join(", ", results.Select(r => r.Completed.Count))}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.All(r => r.Finished), Is.True, "both workers wrote their last line");
            Assert.That(leased, Is.Unique, "an item was leased twice");
            Assert.That(leased, Is.EquivalentTo(keys));
            Assert.That(completed, Is.Unique, "an item was completed twice");
            Assert.That(completed, Is.EquivalentTo(keys));
            Assert.That(results.SelectMany(r => r.Attempts), Is.All.EqualTo(1));
            Assert.That(await store.CountAsync(cancellationToken), Is.Zero);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task FourStoresInOneProcess_LeasingConcurrently_CompleteEveryItemExactlyOnce(CancellationToken cancellationToken)
    {
        const int Items = 100;
        IPipelineStateStore[] stores = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(TimeProvider.System)))];
        for (int i = 0; i < Items; i++)
        {
            await stores[0].EnqueueAsync(Item($"item-{i:D4}"), cancellationToken);
        }

        List<string>[] done = await Task.WhenAll(stores.Select((store, n) => Task.Run(
            async () =>
            {
                var mine = new List<string>();
                while (await store.TryLeaseAsync($"w{n}", TimeSpan.FromMinutes(5), cancellationToken) is { } lease)
                {
                    if (await store.CompleteAsync(lease, cancellationToken: cancellationToken))
                    {
                        mine.Add(lease.Item.Key);
                    }
                }

                return mine;
            },
            cancellationToken)));

        List<string> all = [.. done.SelectMany(d => d)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(all, Is.Unique);
            Assert.That(all, Has.Count.EqualTo(Items));
            Assert.That(await stores[0].CountAsync(cancellationToken), Is.Zero);
        }
    }
}
