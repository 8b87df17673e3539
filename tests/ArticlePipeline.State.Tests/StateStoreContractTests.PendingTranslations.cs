using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State.Tests;

/// <summary>Pending translations: keyed by record path, oldest first.</summary>
public abstract partial class StateStoreContractTests
{
    [Test]
    public async Task ListAsync_Empty_ReturnsNothing()
    {
        IPipelineStateStore store = await OpenAsync();

        Assert.That(await store.ListAsync(10), Is.Empty);
    }

    [Test]
    public async Task AddAsync_Entries_ListOldestFirstUpToMaxWithEveryField()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.AddAsync(new PendingTranslation("/out/c.json", "c", ["uk"], "quota", t.AddMinutes(2)));
        await store.AddAsync(new PendingTranslation("/out/a.json", "a", ["th", "ru", "vi"], "translator-unavailable", t.AddHours(7).ToOffset(TimeSpan.FromHours(7))));
        await store.AddAsync(new PendingTranslation("/out/b.json", "b", ["ro"], "quota", t));

        IReadOnlyList<PendingTranslation> listed = await store.ListAsync(2);
        IReadOnlyList<PendingTranslation> all = await store.ListAsync(10);

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(p => p.RecordId), Is.EqualTo(new[] { "b", "c" }));
            Assert.That(all.Select(p => p.RecordId), Is.EqualTo(new[] { "b", "c", "a" }));
            PendingTranslation a = all[2];
            Assert.That(a.RecordPath, Is.EqualTo("/out/a.json"));
            Assert.That(a.Languages, Is.EqualTo(new[] { "th", "ru", "vi" }), "languages keep their order");
            Assert.That(a.Reason, Is.EqualTo("translator-unavailable"));
            Assert.That(a.Since, Is.EqualTo(t.AddHours(7)));
        });
    }

    [Test]
    public async Task AddAsync_SameRecordPath_ReplacesTheEntry()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.AddAsync(new PendingTranslation("/out/a.json", "a", ["uk", "ru"], "quota", t));

        await store.AddAsync(new PendingTranslation("/out/a.json", "a", ["ru"], "translator-unavailable", t.AddMinutes(5)));

        IReadOnlyList<PendingTranslation> all = await store.ListAsync(10);
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(1));
            Assert.That(all[0].Languages, Is.EqualTo(new[] { "ru" }));
            Assert.That(all[0].Reason, Is.EqualTo("translator-unavailable"));
            Assert.That(all[0].Since, Is.EqualTo(t.AddMinutes(5)));
        });
    }

    [Test]
    public async Task RemoveAsync_RemovesOnlyThatRecord_AndUnknownPathIsANoOp()
    {
        IPipelineStateStore store = await OpenAsync();
        DateTimeOffset t = Time.GetUtcNow();
        await store.AddAsync(new PendingTranslation("/out/a.json", "a", ["uk"], "quota", t));
        await store.AddAsync(new PendingTranslation("/out/b.json", "b", ["uk"], "quota", t.AddSeconds(1)));

        await store.RemoveAsync("/out/a.json");
        await store.RemoveAsync("/out/never.json");

        Assert.That((await store.ListAsync(10)).Select(p => p.RecordId), Is.EqualTo(new[] { "b" }));
    }
}
