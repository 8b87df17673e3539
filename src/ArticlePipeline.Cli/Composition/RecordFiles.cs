using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Cli.Composition;

/// <summary>The record files under an output folder (<c>records/{source}/{xx}/{id}.json</c>), read one at a time and bounded.</summary>
internal static class RecordFiles
{
    /// <summary>
    /// The largest record file read (<c>validate</c>, <c>reprocess</c>, <c>migrate</c>): 256 MiB, far above any record
    /// (records hold text, never bodies). A larger file, or one that is not a regular file (a FIFO, a device, a symbolic
    /// link loop), is reported as unreadable and the others are handled.
    /// </summary>
    public const long MaxRecordBytes = 256L * 1024 * 1024;

    /// <summary>The record files, in a stable order.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="sourceId">Only this source's records, when given.</param>
    /// <returns>Full paths; none when the folder has no records yet.</returns>
    public static IEnumerable<string> Enumerate(string outputDirectory, string? sourceId)
    {
        string records = Path.Combine(outputDirectory, "records");
        string root = sourceId is null ? records : Path.Combine(records, sourceId);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Reads one record.</summary>
    /// <param name="path">Its file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or why it could not be read.</returns>
    public static async Task<(ArticleRecord? Record, string? Problem)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        (byte[]? bytes, string? problem) = await InputFile.ReadAsync(path, MaxRecordBytes, "the record size limit", cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, problem);
        }

        ArticleRecord? record = RecordSerializer.Deserialize(bytes);
        return record is null ? (null, "not a record (it does not parse)") : (record, null);
    }
}
