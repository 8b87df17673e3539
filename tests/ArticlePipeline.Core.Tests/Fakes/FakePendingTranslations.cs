using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>The pending list in memory, keyed by record location like the state store's.</summary>
internal sealed class FakePendingTranslations : IPendingTranslations
{
    public Dictionary<string, PendingTranslation> Items { get; } = new(StringComparer.Ordinal);

    public Task AddAsync(PendingTranslation item, CancellationToken cancellationToken = default)
    {
        Items[item.RecordPath] = item;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingTranslation>> ListAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PendingTranslation>>([.. Items.Values.OrderBy(i => i.Since).Take(max)]);

    public Task RemoveAsync(string recordPath, CancellationToken cancellationToken = default)
    {
        Items.Remove(recordPath);
        return Task.CompletedTask;
    }
}
