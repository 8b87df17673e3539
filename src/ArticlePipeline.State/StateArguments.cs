using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State;

/// <summary>Argument checks shared by both stores, so both reject the same input with the same message.</summary>
internal static class StateArguments
{
    public static void Check(TranslationMemoryKey key, string parameterName)
    {
        if (string.IsNullOrEmpty(key.SegmentHash) || string.IsNullOrEmpty(key.From)
            || string.IsNullOrEmpty(key.To) || string.IsNullOrEmpty(key.Provider))
        {
            throw new ArgumentException($"A translation memory key needs a segment hash, both languages and a provider: {key}.", parameterName);
        }
    }

    public static void Check(PendingTranslation item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.RecordPath, nameof(item));
        ArgumentException.ThrowIfNullOrEmpty(item.RecordId, nameof(item));
        ArgumentNullException.ThrowIfNull(item.Reason, nameof(item));
        if (item.Languages.IsDefault)
        {
            throw new ArgumentException("The pending languages must not be a default ImmutableArray.", nameof(item));
        }
    }

    public static void Check(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.Key, nameof(item));
        ArgumentNullException.ThrowIfNull(item.SourceId, nameof(item));
        ArgumentNullException.ThrowIfNull(item.Url, nameof(item));
    }

    public static void Check(WorkLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(lease.Item, nameof(lease));
    }

    public static void CheckLease(string owner, TimeSpan leaseDuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
    }

    /// <summary>The entries with the last value winning for a repeated key, as an insert-or-replace loop would leave them.</summary>
    public static Dictionary<TranslationMemoryKey, string> LastWins(IReadOnlyCollection<KeyValuePair<TranslationMemoryKey, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var result = new Dictionary<TranslationMemoryKey, string>(entries.Count);
        foreach (KeyValuePair<TranslationMemoryKey, string> entry in entries)
        {
            Check(entry.Key, nameof(entries));
            ArgumentNullException.ThrowIfNull(entry.Value, nameof(entries));
            result[entry.Key] = entry.Value;
        }

        return result;
    }
}
