using ArticlePipeline.Core.Model;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>The translation memory: one prepared statement per key inside one transaction.</summary>
/// <remarks>
/// In-process SQLite has no round trip to save, so a prepared point lookup per key is as fast as one big query
/// and has no limit on the number of keys.
/// </remarks>
public sealed partial class SqliteStateStore
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

        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: every key is looked up in the same snapshot.
            SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    SELECT translation FROM translation_memory
                    WHERE segment_hash = $hash AND from_lang = $from AND to_lang = $to AND provider = $provider
                    """;
                SqliteParameter hash = command.Parameters.Add("$hash", SqliteType.Text);
                SqliteParameter from = command.Parameters.Add("$from", SqliteType.Text);
                SqliteParameter to = command.Parameters.Add("$to", SqliteType.Text);
                SqliteParameter provider = command.Parameters.Add("$provider", SqliteType.Text);
                command.Prepare();
                foreach (TranslationMemoryKey key in keys)
                {
                    StateArguments.Check(key, nameof(keys));
                    if (found.ContainsKey(key))
                    {
                        continue;
                    }

                    hash.Value = key.SegmentHash;
                    from.Value = key.From;
                    to.Value = key.To;
                    provider.Value = key.Provider;
                    if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string translation)
                    {
                        found[key] = translation;
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }

    /// <inheritdoc />
    /// <remarks>All entries are written in one transaction; a repeated key keeps its last value.</remarks>
    public async Task PutAsync(IReadOnlyCollection<KeyValuePair<TranslationMemoryKey, string>> entries, CancellationToken cancellationToken = default)
    {
        Dictionary<TranslationMemoryKey, string> unique = StateArguments.LastWins(entries);
        if (unique.Count == 0)
        {
            return;
        }

        string now = Format(_time.GetUtcNow())!;
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SqliteTransaction transaction = BeginImmediate(connection);
            await using (transaction.ConfigureAwait(false))
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO translation_memory (segment_hash, from_lang, to_lang, provider, translation, updated_at)
                    VALUES ($hash, $from, $to, $provider, $translation, $updated)
                    ON CONFLICT (segment_hash, from_lang, to_lang, provider)
                    DO UPDATE SET translation = excluded.translation, updated_at = excluded.updated_at
                    """;
                SqliteParameter hash = command.Parameters.Add("$hash", SqliteType.Text);
                SqliteParameter from = command.Parameters.Add("$from", SqliteType.Text);
                SqliteParameter to = command.Parameters.Add("$to", SqliteType.Text);
                SqliteParameter provider = command.Parameters.Add("$provider", SqliteType.Text);
                SqliteParameter translation = command.Parameters.Add("$translation", SqliteType.Text);
                command.Parameters.AddWithValue("$updated", now);
                command.Prepare();
                foreach (KeyValuePair<TranslationMemoryKey, string> entry in unique)
                {
                    hash.Value = entry.Key.SegmentHash;
                    from.Value = entry.Key.From;
                    to.Value = entry.Key.To;
                    provider.Value = entry.Key.Provider;
                    translation.Value = entry.Value;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
