using ArticlePipeline.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace ArticlePipeline.State;

/// <summary>Pending translations, keyed by record path and listed by the time they became pending.</summary>
internal sealed partial class PostgresStateStore
{
    /// <inheritdoc />
    public async Task AddAsync(PendingTranslation item, CancellationToken cancellationToken = default)
    {
        StateArguments.Check(item);
        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.pending_translations (record_path, record_id, languages, reason, since)
            VALUES (@path, @id, @languages, @reason, @since)
            ON CONFLICT (record_path) DO UPDATE SET record_id = EXCLUDED.record_id, languages = EXCLUDED.languages,
              reason = EXCLUDED.reason, since = EXCLUDED.since
            """);
        command.Parameters.Add(Parameter("path", NpgsqlDbType.Text, item.RecordPath));
        command.Parameters.Add(Parameter("id", NpgsqlDbType.Text, item.RecordId));
        command.Parameters.Add(Parameter("languages", NpgsqlDbType.Array | NpgsqlDbType.Text, item.Languages.ToArray()));
        command.Parameters.Add(Parameter("reason", NpgsqlDbType.Text, item.Reason));
        command.Parameters.Add(Parameter("since", item.Since));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

        using NpgsqlCommand command = _dataSource.CreateCommand($"""
            SELECT record_path, record_id, languages, reason, since FROM {_schema}.pending_translations
            ORDER BY since, record_path LIMIT @max
            """);
        command.Parameters.Add(Parameter("max", NpgsqlDbType.Integer, max));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new PendingTranslation(
                    reader.GetString(0),
                    reader.GetString(1),
                    [.. reader.GetFieldValue<string[]>(2)],
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        return items;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string recordPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordPath);
        using NpgsqlCommand command = _dataSource.CreateCommand($"DELETE FROM {_schema}.pending_translations WHERE record_path = @path");
        command.Parameters.Add(Parameter("path", NpgsqlDbType.Text, recordPath));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
