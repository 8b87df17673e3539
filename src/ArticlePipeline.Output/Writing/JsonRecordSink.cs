using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// Writes one JSON file per article under <c>{out}/records/{source}/{id[0..2]}/{id}.json</c> and appends one line
/// per write to <c>{out}/manifest/{yyyy-MM-dd}.jsonl</c>, only after the record is in place.
/// </summary>
/// <remarks>
/// <para>Idempotent: a record whose content equals the one on disk (ignoring the fetch time and provenance times)
/// is not written and not logged. Changed content bumps the revision. File names come from the source id and the
/// record id (hex of a URL hash), never from page content.</para>
/// <para>Crash safety: each record is written to a temp file, flushed to disk and renamed into place. Before the
/// rename, the manifest line it will get goes to this sink's journal (<c>manifest/.journal/</c>), which the
/// record's own flush carries to disk on a journaling file system. The manifest line is appended after the
/// rename. Every <see cref="CheckpointEvery"/> writes, and on dispose, the manifest is flushed to disk and the
/// journal emptied. A sink that starts replays the journals of sinks that died: a line whose record reached that
/// revision is appended if the manifest lacks it; any other line is dropped. So the manifest never names a file
/// that is not there and never misses a revision that is.</para>
/// <para>Thread-safe; one sink per process and output folder.</para>
/// </remarks>
public sealed partial class JsonRecordSink : IRecordSink, IDisposable
{
    /// <summary>Writes between two checkpoints of the manifest and the journal.</summary>
    public const int CheckpointEvery = 1000;

    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Lazy<(ManifestWriter Manifest, ManifestJournal Journal)> _files;
    private readonly ILogger _logger;
    private readonly IOperationsJournal? _journal;
    private int _sinceCheckpoint;

    /// <summary>Creates a sink writing under <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="timeProvider">Clock for manifest dates; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">Where manifest recovery and a manifest left unflushed are reported; nowhere when <see langword="null"/>.</param>
    /// <param name="journal">Receives each revision written with its manifest line (the console's record catalog); none when <see langword="null"/>.</param>
    public JsonRecordSink(string outputDirectory, TimeProvider? timeProvider = null, ILogger<JsonRecordSink>? logger = null, IOperationsJournal? journal = null)
    {
        _journal = journal;
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        _root = Path.GetFullPath(outputDirectory);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _files = new Lazy<(ManifestWriter, ManifestJournal)>(Open, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The output folder's full path.</summary>
    public string Root => _root;

    /// <summary>The path of a record file under <paramref name="outputDirectory"/>, for readers (the console) that hold no sink.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="sourceId">Source id.</param>
    /// <param name="id">Record id.</param>
    /// <returns>The full path, or <see langword="null"/> when either name is not one a record can have (so no path leaves the folder).</returns>
    public static string? RecordPathUnder(string outputDirectory, string sourceId, string id)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(id);
        return IsSafeName(sourceId) && IsSafeName(id) && id.Length >= 2
            ? Path.Combine(Path.GetFullPath(outputDirectory), "records", sourceId, id[..2], id + ".json")
            : null;
    }

    /// <summary>The path of a record file.</summary>
    /// <param name="sourceId">Source id (validated by the sources file).</param>
    /// <param name="id">Record id.</param>
    /// <returns>The full path.</returns>
    public string RecordPath(string sourceId, string id)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(id);
        if (!IsSafeName(sourceId) || !IsSafeName(id) || id.Length < 2)
        {
            throw new ArgumentException($"unsafe record name '{sourceId}/{id}'");
        }

        // Two hex digits of the id spread a source's records over 256 folders; the path never changes.
        return Path.Combine(_root, "records", sourceId, id[..2], id + ".json");
    }

    /// <inheritdoc />
    /// <remarks>
    /// A file that does not parse, or holds another record than its name says, is no valid record: the slot is empty
    /// and a write replaces it.
    /// </remarks>
    public async Task<RecordSlot> OpenAsync(RecordKey key, CancellationToken cancellationToken = default)
    {
        string path = RecordPath(key.SourceId, key.Id);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return new RecordSlot(key, path, null);
        }

        string? version = Version(file);
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        ArticleRecord? existing = RecordSerializer.Deserialize(bytes);
        return new RecordSlot(key, path, existing is not null && RecordKey.Of(existing) == key ? existing : null, version);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The key is read from the path's last segments, <c>records/{source}/{id[0..2]}/{id}.json</c>, wherever the
    /// output folder was when the location was stored (a folder moved, mounted elsewhere or named by another path).
    /// </remarks>
    public RecordKey? KeyAt(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        string[] parts = location.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (parts.Length < 4 || parts[^4] != "records" || !parts[^1].EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        var key = new RecordKey(parts[^3], parts[^1][..^".json".Length]);
        return IsSafeName(key.SourceId) && IsSafeName(key.Id) && key.Id.Length >= 2 && parts[^2] == key.Id[..2] ? key : null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The slot's record is the one compared with: nothing is read again. What changed is worked out once, field by
    /// field (<see cref="RecordDiff"/>), and decides both whether to write and what the manifest line lists; the
    /// record is serialized once, as written.
    /// </remarks>
    public async Task<WriteResult> WriteAsync(RecordSlot slot, ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(record);
        if (RecordKey.Of(record) != slot.Key)
        {
            throw new ArgumentException($"record {RecordKey.Of(record)} written into the slot of {slot.Key}", nameof(record));
        }

        string path = RecordPath(slot.Key.SourceId, slot.Key.Id);
        if (Version(new FileInfo(path)) != slot.Version)
        {
            // Another writer (a cluster node sharing the folder, translate --pending beside a run) changed the file
            // since the slot was read: the revision is decided from what is there now, and what that writer added
            // for the same text (an edition, a translation) is kept rather than overwritten with what was read before.
            slot = await OpenAsync(slot.Key, cancellationToken).ConfigureAwait(false);
            record = ConcurrentWrites.KeepWhatTheOtherWriterAdded(slot.Existing, record);
        }

        ArticleRecord? existing = slot.Existing;
        ImmutableArray<string> changes = existing is null ? [] : RecordDiff.Changes(existing, record);
        bool same = existing is not null && changes.IsEmpty;

        // A capture is not content, but a record that has none (fetched while captures could not be written, or
        // migrated from v1) takes the first one a later fetch brings: rewritten, same revision.
        bool captureGained = same && existing!.Capture is null && record.Capture is not null;
        if (same && !force && !captureGained)
        {
            return new WriteResult(path, false, existing!.Revision);
        }

        cancellationToken.ThrowIfCancellationRequested();
        int revision = existing is null ? 1 : same ? existing.Revision : existing.Revision + 1;
        ArticleRecord final = record with { Revision = revision };
        string change = existing is null ? "created" : same ? "rewritten" : "updated";
        ManifestEntry entry = CreateEntry(final, path, change, changes);
        byte[] content = RecordSerializer.Serialize(final);

        (ManifestWriter manifest, ManifestJournal journal) = Files();
        lock (_lock)
        {
            Guard(() => journal.Append(entry), "manifest journal");
        }

        await AtomicFile.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            Guard(() => manifest.Append(entry), ManifestWriter.PathFor(_root, entry.At));
            if (++_sinceCheckpoint >= CheckpointEvery)
            {
                Checkpoint(manifest, journal);
            }
        }

        await CatalogAsync(final, entry).ConfigureAwait(false);
        return new WriteResult(path, true, revision);
    }

    /// <inheritdoc />
    /// <remarks>The same field-by-field comparison <see cref="WriteAsync"/> decides with.</remarks>
    public bool WouldChange(RecordSlot slot, ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(record);
        return slot.Existing is null || !SameContent(slot.Existing, record);
    }

    /// <summary>Whether two records carry the same content: everything but revision, fetch time and provenance times.</summary>
    /// <param name="a">One record.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when a rewrite would change nothing a reader cares about.</returns>
    public static bool SameContent(ArticleRecord a, ArticleRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return RecordDiff.Changes(a, b).IsEmpty;
    }

    /// <summary>
    /// Flushes the manifest to disk and closes this sink's journal. Never throws for a full disk: then the journal is
    /// kept for the next sink to replay.
    /// </summary>
    public void Dispose()
    {
        if (!_files.IsValueCreated)
        {
            return;
        }

        lock (_lock)
        {
            (ManifestWriter manifest, ManifestJournal journal) = _files.Value;
            try
            {
                manifest.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The manifest could not be put on disk (a full disk): the journal stays, and the next start replays it.
                journal.Abandon();
                LogManifestNotFlushed(_root, ex.Message);
                return;
            }

            journal.Dispose();
        }
    }

    private (ManifestWriter Manifest, ManifestJournal Journal) Files()
    {
        try
        {
            return _files.Value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the manifest under {Path.Combine(_root, "manifest")}: {ex.Message}", ex);
        }
    }

    private (ManifestWriter Manifest, ManifestJournal Journal) Open()
    {
        var manifest = new ManifestWriter(_root);
        List<ManifestEntry> orphans = ManifestJournal.TakeOrphans(_root);
        List<ManifestEntry> replayed = [.. orphans.Where(e => RecordReached(e) && !ManifestHas(e))];
        foreach (ManifestEntry entry in replayed)
        {
            manifest.Append(entry);
        }

        if (orphans.Count > 0)
        {
            LogJournalReplayed(_root, replayed.Count, orphans.Count - replayed.Count);
        }

        manifest.Flush();
        return (manifest, ManifestJournal.Create(_root));
    }

    private static void Checkpoint(ManifestWriter manifest, ManifestJournal journal)
    {
        manifest.Flush();
        journal.Clear();
    }

    private static void Guard(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write {what}: {ex.Message}", ex);
        }
    }

    private ManifestEntry CreateEntry(ArticleRecord record, string path, string change, ImmutableArray<string> changes) => new(
        _time.GetUtcNow(),
        record.Id,
        record.Revision,
        record.SchemaVersion,
        Path.GetRelativePath(_root, path).Replace('\\', '/'),
        record.ContentHash,
        change,
        record.Url,
        record.Languages.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Status.ToString().ToLowerInvariant(), Languages.RecordOrder),
        changes);

    private bool RecordReached(ManifestEntry entry)
    {
        string path = Path.Combine(_root, entry.Path);
        if (!File.Exists(path))
        {
            return false;
        }

        ArticleRecord? record = RecordSerializer.Deserialize(File.ReadAllBytes(path));
        return record is not null && record.Revision == entry.Revision && record.ContentHash == entry.ContentHash;
    }

    private bool ManifestHas(ManifestEntry entry)
    {
        string manifest = ManifestWriter.PathFor(_root, entry.At);
        return File.Exists(manifest) && File.ReadLines(manifest)
            .Select(RecordSerializer.DeserializeManifestLine)
            .Any(e => e is not null && e.Id == entry.Id && e.Revision == entry.Revision && e.Change == entry.Change);
    }

    // What a stat tells of a record file: enough to see that another writer replaced it, without reading it.
    private static string? Version(FileInfo file)
    {
        file.Refresh();
        return file.Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}")
            : null;
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Tells the journal about a revision that is on disk; the catalog is derived data, so a failure is logged, not thrown.</summary>
    private async Task CatalogAsync(ArticleRecord record, ManifestEntry entry)
    {
        if (_journal is null)
        {
            return;
        }

        string title = record.Languages.TryGetValue(record.SourceLanguage, out LanguageVersion? source) ? source.Content?.Title ?? "" : "";
        var revision = new Core.Operations.RecordRevision(
            record.Source.Id,
            record.Id,
            record.Revision,
            record.Url,
            title,
            record.SourceLanguage,
            entry.At,
            entry.Change,
            entry.Languages,
            RecordSerializer.SerializeManifestLine(entry));
        try
        {
            // The record is written: its catalog entry follows even when the caller is being cancelled.
            await _journal.RecordRevisionAsync(revision, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCatalogFailed(_root, record.Id, ex.Message);
        }
    }

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "{Root}: record {Id} was written but the console's catalog could not be updated ({Reason})")]
    private partial void LogCatalogFailed(string root, string id, string reason);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "{Root}: a writer stopped before its manifest checkpoint; {Replayed} manifest line(s) recovered from its journal, {Dropped} dropped (record never written or line already there)")]
    private partial void LogJournalReplayed(string root, int replayed, int dropped);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "{Root}: the manifest could not be flushed ({Reason}); its journal is kept and the next start adds the missing lines")]
    private partial void LogManifestNotFlushed(string root, string reason);
}
