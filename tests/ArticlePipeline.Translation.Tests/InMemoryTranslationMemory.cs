using System.Collections.Concurrent;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Translation.Tests;

/// <summary>A hand-written <see cref="ITranslationMemory"/> that counts its calls.</summary>
internal sealed class InMemoryTranslationMemory : ITranslationMemory
{
    private readonly ConcurrentDictionary<TranslationMemoryKey, string> _entries = new();

    /// <summary>The stored translations.</summary>
    public IReadOnlyDictionary<TranslationMemoryKey, string> Entries => _entries;

    public int GetCalls { get; private set; }

    public int PutCalls { get; private set; }

    public Task<IReadOnlyDictionary<TranslationMemoryKey, string>> GetAsync(
        IReadOnlyCollection<TranslationMemoryKey> keys, CancellationToken cancellationToken = default)
    {
        GetCalls++;
        IReadOnlyDictionary<TranslationMemoryKey, string> found = keys
            .Where(_entries.ContainsKey)
            .Distinct()
            .ToDictionary(k => k, k => _entries[k]);
        return Task.FromResult(found);
    }

    public Task PutAsync(IReadOnlyCollection<KeyValuePair<TranslationMemoryKey, string>> entries, CancellationToken cancellationToken = default)
    {
        PutCalls++;
        foreach ((TranslationMemoryKey key, string text) in entries)
        {
            _entries[key] = text;
        }

        return Task.CompletedTask;
    }
}
