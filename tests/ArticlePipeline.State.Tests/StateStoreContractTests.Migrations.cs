using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State.Tests;

/// <summary>Schema creation and migration on open.</summary>
public abstract partial class StateStoreContractTests
{
    [Test]
    public async Task OpenAsync_Twice_IsIdempotentAndKeepsTheData()
    {
        IPipelineStateStore first = await OpenAsync();
        var page = new PageState(new Uri("https://example.vn/a"), null, "sha256:a", null, PageOutcome.Written, 0, Time.GetUtcNow());
        await first.SavePageAsync(page);
        await first.EnqueueAsync(Item("a"));
        await first.PutAsync([new(TmKey(1), "текст")]);
        await first.DisposeAsync();

        IPipelineStateStore second = await OpenAsync();
        IPipelineStateStore third = await OpenAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.SchemaVersion, Is.EqualTo(first.SchemaVersion).And.GreaterThan(0));
            Assert.That(third.SchemaVersion, Is.EqualTo(first.SchemaVersion));
            Assert.That(await third.GetPageAsync(page.Url), Is.EqualTo(page));
            Assert.That(await third.CountAsync(), Is.EqualTo(1));
            Assert.That((await third.GetAsync([TmKey(1)])).Count, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task OpenAsync_SeveralAtOnceOnAFreshStore_AllSucceedWithOneSchema()
    {
        IPipelineStateStore[] stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => OpenAsync())));
        await stores[0].EnqueueAsync(Item("a"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stores.Select(s => s.SchemaVersion).Distinct().Count(), Is.EqualTo(1));
            foreach (IPipelineStateStore store in stores)
            {
                Assert.That(await store.CountAsync(), Is.EqualTo(1));
            }
        }
    }
}
