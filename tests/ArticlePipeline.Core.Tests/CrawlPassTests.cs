using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Tests;

/// <summary>
/// Issue 13: a host fetches its next page while the last one is checked; the pass checks pages one at a time in the
/// order they were fetched, and the first page with a content is the original of any later one, written or not.
/// </summary>
[TestFixture]
public sealed class CrawlPassTests
{
    [Test]
    public async Task InFetchOrder_ALaterPagesCheckStartsOnlyWhenTheEarlierOnesHasEnded_AndNeverOnTheFetchingThread()
    {
        var pass = new CrawlPass();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();
        int caller = Environment.CurrentManagedThreadId;
        int? firstThread = null;

        Task<string> first = pass.InFetchOrder(async () =>
        {
            firstThread = Environment.CurrentManagedThreadId;
            lock (order)
            {
                order.Add("first started");
            }

            firstRunning.SetResult();
            await releaseFirst.Task;
            lock (order)
            {
                order.Add("first ended");
            }

            return "first";
        });
        Task<string> second = pass.InFetchOrder(() =>
        {
            lock (order)
            {
                order.Add("second started");
            }

            return Task.FromResult("second");
        });

        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        bool secondWaited = !second.IsCompleted;
        releaseFirst.SetResult();
        string[] results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secondWaited, Is.True, "the second page is not checked while the first one is");
            Assert.That(order, Is.EqualTo(new[] { "first started", "first ended", "second started" }));
            Assert.That(results, Is.EqualTo(new[] { "first", "second" }));
            Assert.That(firstThread, Is.Not.EqualTo(caller), "the fetching loop does not run the check");
        }
    }

    [Test]
    public async Task InFetchOrder_AnEarlierCheckFails_TheNextOneStillRuns()
    {
        var pass = new CrawlPass();
        Task<int> failing = pass.InFetchOrder<int>(() => throw new InvalidOperationException("broken page"));
        Task<int> next = pass.InFetchOrder(() => Task.FromResult(2));

        Assert.That(await next.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(2));
        Assert.ThrowsAsync<InvalidOperationException>(async () => await failing);
    }

    [Test]
    public void ClaimContent_TheFirstPageWithAContentIsTheOriginalOfTheLaterOnes()
    {
        var pass = new CrawlPass();
        var original = new Uri("https://baosonghau.example.vn/tin-tuc/a-1.html");
        var copy = new Uri("https://baosonghau.example.vn/ban-sao/a-1.html");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pass.ClaimContent("hash-1", original), Is.Null, "the first page with the content");
            Assert.That(pass.ClaimContent("hash-1", copy), Is.EqualTo(original));
            Assert.That(pass.ClaimContent("hash-1", original), Is.Null, "the original itself, checked again");
            Assert.That(pass.ClaimContent("hash-2", copy), Is.Null, "another content");
        }
    }
}
