using ArticlePipeline.Core.Model;
using Microsoft.Data.Sqlite;

namespace ArticlePipeline.State;

/// <summary>Pending translations, keyed by record path and listed by the time they became pending.</summary>
public sealed partial class SqliteStateStore
{
    /// <inheritdoc />
    public async Task AddAsync(PendingTranslation item, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(item);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO pending_translations (record_path, record_id, languages, reason, since, since_ticks)
                VALUES ($path, $id, $languages, $reason, $since, $sinceTicks)
                ON CONFLICT (record_path) DO UPDATE SET record_id = excluded.record_id, languages = excluded.languages,
                  reason = excluded.reason, since = excluded.since, since_ticks = excluded.since_ticks
                """;
            command.Parameters.AddWithValue("$path", item.RecordPath);
            command.Parameters.AddWithValue("$id", item.RecordId);
            command.Parameters.AddWithValue("$languages", LanguageListJson.Write(item.Languages));
            command.Parameters.AddWithValue("$reason", item.Reason);
            command.Parameters.AddWithValue("$since", Format(item.Since));
            command.Parameters.AddWithValue("$sinceTicks", item.Since.UtcTicks);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Entries with the same <see cref="PendingTranslation.Since"/> are ordered by record path.</remarks>
    public async Task<IReadOnlyList<PendingTranslation>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var items = new List<PendingTranslation>();
        if (max == 0)
        {
            return items;
        }

        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                SELECT record_path, record_id, languages, reason, since FROM pending_translations
                ORDER BY since_ticks, record_path LIMIT $max
                """;
            command.Parameters.AddWithValue("$max", max);
            SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(new PendingTranslation(
                        reader.GetString(0),
                        reader.GetString(1),
                        LanguageListJson.Read(reader.GetString(2)),
                        reader.GetString(3),
                        Parse(reader.GetString(4))));
                }
            }
        }

        return items;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string recordPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordPath);
        SqliteConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DELETE FROM pending_translations WHERE record_path = $path";
            command.Parameters.AddWithValue("$path", recordPath);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
