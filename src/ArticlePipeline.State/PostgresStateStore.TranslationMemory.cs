using ArticlePipeline.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>The translation memory: any number of keys in one statement, passed as parallel arrays.</summary>
internal sealed partial class PostgresStateStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<TranslationMemoryKey, string>> GetAsync(
        IReadOnlyCollection<TranslationMemoryKey> keys,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<TranslationMemoryKey, string>();
        if (keys.Count == 0)
        {
            return found;
        }

        var unique = new HashSet<TranslationMemoryKey>(keys.Count);
        foreach (TranslationMemoryKey key in keys)
        {
            StateArguments.Check(key, nameof(keys));
            unique.Add(key);
        }

        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT segment_hash, from_lang, to_lang, provider, t.translation
            FROM unnest(@hashes, @froms, @tos, @providers) AS k (segment_hash, from_lang, to_lang, provider)
            JOIN {_schema}.translation_memory t USING (segment_hash, from_lang, to_lang, provider)
            """);
        AddKeyArrays(command, unique, null);
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = new TranslationMemoryKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                found[key] = reader.GetString(4);
            }
        }

        return found;
    }

    /// <inheritdoc />
    /// <remarks>One <c>INSERT ... ON CONFLICT DO UPDATE</c> for all entries; a repeated key keeps its last value.</remarks>
    public async Task PutAsync(IReadOnlyCollection<KeyValuePair<TranslationMemoryKey, string>> entries, CancellationToken cancellationToken = default)
    {
        // ON CONFLICT cannot touch one row twice in a statement, so repeated keys are folded first.
        Dictionary<TranslationMemoryKey, string> unique = StateArguments.LastWins(entries);
        if (unique.Count == 0)
        {
            return;
        }

        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.translation_memory (segment_hash, from_lang, to_lang, provider, translation, updated_at)
            SELECT k.segment_hash, k.from_lang, k.to_lang, k.provider, k.translation, @updated
            FROM unnest(@hashes, @froms, @tos, @providers, @translations) AS k (segment_hash, from_lang, to_lang, provider, translation)
            ON CONFLICT (segment_hash, from_lang, to_lang, provider)
            DO UPDATE SET translation = EXCLUDED.translation, updated_at = EXCLUDED.updated_at
            """);
        AddKeyArrays(command, unique.Keys, unique.Values);
        command.Parameters.Add(Parameter("updated", _time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddKeyArrays(NpgsqlCommand command, IReadOnlyCollection<TranslationMemoryKey> keys, IEnumerable<string>? translations)
    {
        var hashes = new string[keys.Count];
        var froms = new string[keys.Count];
        var tos = new string[keys.Count];
        var providers = new string[keys.Count];
        int i = 0;
        foreach (TranslationMemoryKey key in keys)
        {
            hashes[i] = key.SegmentHash;
            froms[i] = key.From;
            tos[i] = key.To;
            providers[i] = key.Provider;
            i++;
        }

        const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;
        command.Parameters.Add(Parameter("hashes", TextArray, hashes));
        command.Parameters.Add(Parameter("froms", TextArray, froms));
        command.Parameters.Add(Parameter("tos", TextArray, tos));
        command.Parameters.Add(Parameter("providers", TextArray, providers));
        if (translations is not null)
        {
            command.Parameters.Add(Parameter("translations", TextArray, translations.ToArray()));
        }
    }
}
