using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State.Tests;

/// <summary>Translation memory: keyed by segment hash, languages and provider.</summary>
public abstract partial class StateStoreContractTests
{
    [Test]
    public async Task GetAsync_EmptyStoreOrNoKeys_ReturnsNothing()
    {
        IPipelineStateStore store = await OpenAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await store.GetAsync([TmKey(1), TmKey(2)]), Is.Empty);
            Assert.That(await store.GetAsync([]), Is.Empty);
        }
    }

    [Test]
    public async Task PutAsync_ThenGetAsync_ReturnsStoredKeysOnlyWithTextIntact()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.PutAsync(
        [
            new(TmKey(1, "th"), "ข่าวเศรษฐกิจวันนี้"),
            new(TmKey(1, "ru"), "Экономические новости сегодня"),
        ]);

        IReadOnlyDictionary<TranslationMemoryKey, string> found = await store.GetAsync([TmKey(1, "th"), TmKey(1, "ru"), TmKey(1, "uk"), TmKey(2, "th")]);

        Assert.That(found, Is.EquivalentTo(new Dictionary<TranslationMemoryKey, string>
        {
            [TmKey(1, "th")] = "ข่าวเศรษฐกิจวันนี้",
            [TmKey(1, "ru")] = "Экономические новости сегодня",
        }));
    }

    [Test]
    public async Task PutAsync_ExistingKey_ReplacesTheTranslation()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.PutAsync([new(TmKey(1), "стара")]);

        await store.PutAsync([new(TmKey(1), "нова"), new(TmKey(2), "друга")]);

        IReadOnlyDictionary<TranslationMemoryKey, string> found = await store.GetAsync([TmKey(1), TmKey(2)]);
        Assert.Multiple(() =>
        {
            Assert.That(found[TmKey(1)], Is.EqualTo("нова"));
            Assert.That(found[TmKey(2)], Is.EqualTo("друга"));
        });
    }

    [Test]
    public async Task PutAsync_RepeatedKeyInOneCall_KeepsTheLastValue()
    {
        IPipelineStateStore store = await OpenAsync();

        await store.PutAsync([new(TmKey(1), "first"), new(TmKey(1), "last")]);

        Assert.That((await store.GetAsync([TmKey(1)]))[TmKey(1)], Is.EqualTo("last"));
    }

    [Test]
    public async Task GetAsync_KeysDifferingOnlyInProvider_AreDistinct()
    {
        IPipelineStateStore store = await OpenAsync();
        await store.PutAsync([new(TmKey(1, provider: "azure"), "azure text")]);

        IReadOnlyDictionary<TranslationMemoryKey, string> found = await store.GetAsync([TmKey(1, provider: "other")]);

        Assert.That(found, Is.Empty);
    }

    [Test]
    public async Task GetAsync_ThousandKeysInOneCall_ReturnsEveryStoredOne()
    {
        IPipelineStateStore store = await OpenAsync();
        List<KeyValuePair<TranslationMemoryKey, string>> entries =
            [.. Enumerable.Range(0, 1000).Select(i => new KeyValuePair<TranslationMemoryKey, string>(TmKey(i), "переклад " + i))];
        await store.PutAsync(entries);

        // The 1,000 stored keys plus 200 unknown ones, in one call.
        List<TranslationMemoryKey> wanted = [.. Enumerable.Range(0, 1200).Select(i => TmKey(i))];
        IReadOnlyDictionary<TranslationMemoryKey, string> found = await store.GetAsync(wanted);

        // Compared by hand: NUnit's generic collection comparison takes a second for 1,000 struct keys.
        List<TranslationMemoryKey> wrong = [.. entries.Where(e => !found.TryGetValue(e.Key, out string? text) || text != e.Value).Select(e => e.Key)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(found, Has.Count.EqualTo(entries.Count));
            Assert.That(wrong, Is.Empty, "missing or wrong translations");
        }
    }
}
