using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// Enters into the console's catalog (<see cref="IOperationsJournal"/>) the record revisions the manifest lists and
/// the catalog lacks: an archive written before the catalog existed, or while the catalog could not be written. The
/// manifest is the history; the record file on disk gives each record's source, language and title.
/// </summary>
/// <remarks>
/// Idempotent: a manifest line whose revision, change and time the record's history already has is left alone, so
/// running it again enters nothing, and a record rewritten since the upgrade gets its older history too (the catalog's
/// entry stays at its latest revision). Manifest files are read in date order and line by line, so history lines go in
/// in the order they were written. Memory grows with the number of records and their revisions, not with the lines of
/// other records. A line whose record file is gone or does not parse is counted and skipped: the catalog lists what
/// the archive holds.
/// </remarks>
internal static class CatalogBackfill
{
    /// <summary>Enters the missing revisions.</summary>
    /// <param name="outputDirectory">The output folder (its <c>manifest/</c> and <c>records/</c>).</param>
    /// <param name="journal">The catalog to fill.</param>
    /// <param name="history">The revisions the catalog has of a record (source id, record id).</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>What was entered and skipped.</returns>
    public static async Task<CatalogBackfillResult> RunAsync(
        string outputDirectory,
        IOperationsJournal journal,
        Func<string, string, CancellationToken, Task<IReadOnlyList<RecordRevision>>> history,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(history);
        string manifest = Path.Combine(outputDirectory, "manifest");
        if (!Directory.Exists(manifest))
        {
            return new CatalogBackfillResult(0, 0, 0);
        }

        // Per record file: what the catalog needs from it and the revision it has, or null when the file is unusable.
        var known = new Dictionary<string, Known?>(StringComparer.Ordinal);
        var entered = new HashSet<string>(StringComparer.Ordinal);
        int revisions = 0, skipped = 0;
        foreach (string file in Directory.EnumerateFiles(manifest, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (RecordSerializer.DeserializeManifestLine(line) is not { } entry)
                {
                    continue;
                }

                if (!known.TryGetValue(entry.Path, out Known? record))
                {
                    record = await ReadAsync(outputDirectory, entry.Path, history, cancellationToken).ConfigureAwait(false);
                    known[entry.Path] = record;
                }

                if (record is null)
                {
                    skipped++;
                    continue;
                }

                if (!record.Entered.Add(Line.Of(entry.Revision, entry.Change, entry.At)))
                {
                    continue;
                }

                await journal.RecordRevisionAsync(
                    new RecordRevision(record.SourceId, entry.Id, entry.Revision, entry.Url, record.Title, record.SourceLanguage, entry.At, entry.Change, entry.Languages, line),
                    cancellationToken).ConfigureAwait(false);
                entered.Add(entry.Path);
                revisions++;
            }
        }

        return new CatalogBackfillResult(revisions, entered.Count, skipped);
    }

    private static async Task<Known?> ReadAsync(string outputDirectory, string relativePath, Func<string, string, CancellationToken, Task<IReadOnlyList<RecordRevision>>> history, CancellationToken cancellationToken)
    {
        string path = Path.GetFullPath(Path.Combine(outputDirectory, relativePath));
        string records = Path.GetFullPath(Path.Combine(outputDirectory, "records")) + Path.DirectorySeparatorChar;
        if (!path.StartsWith(records, StringComparison.Ordinal))
        {
            // A line naming a path outside the records folder is not followed.
            return null;
        }

        // Read as every command reads records: a regular file only, within the record size limit.
        (ArticleRecord? record, _) = await RecordFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (record is null || !Path.GetFileNameWithoutExtension(path).Equals(record.Id, StringComparison.Ordinal))
        {
            return null;
        }

        string title = record.Languages.TryGetValue(record.SourceLanguage, out LanguageVersion? source) ? source.Content?.Title ?? "" : "";
        IReadOnlyList<RecordRevision> known = await history(record.Source.Id, record.Id, cancellationToken).ConfigureAwait(false);
        var entered = new HashSet<Line>(known.Select(r => Line.Of(r.Revision, r.Change, r.WrittenAt)));
        return new Known(record.Source.Id, record.SourceLanguage, title, entered);
    }

    private sealed record Known(string SourceId, string SourceLanguage, string Title, HashSet<Line> Entered);

    /// <summary>
    /// What tells two history lines of a record apart: revision, change and the millisecond written (PostgreSQL keeps
    /// microseconds, the manifest 100-nanosecond ticks).
    /// </summary>
    private readonly record struct Line(int Revision, string Change, long UtcMilliseconds)
    {
        public static Line Of(int revision, string change, DateTimeOffset at) => new(revision, change, at.UtcTicks / TimeSpan.TicksPerMillisecond);
    }
}

/// <summary>What <see cref="CatalogBackfill.RunAsync"/> did.</summary>
/// <param name="Revisions">Revisions entered into the catalog.</param>
/// <param name="Records">Records they belong to.</param>
/// <param name="Skipped">Manifest lines whose record file is gone or unreadable.</param>
internal sealed record CatalogBackfillResult(int Revisions, int Records, int Skipped);
