using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// Writes one JSON file per article under <c>{out}/records/{source}/{id[0..2]}/{id}.json</c> and appends one line
/// per write to <c>{out}/manifest/{yyyy-MM-dd}.jsonl</c>, only after the record is in place.
/// </summary>
/// <remarks>
/// <para>Idempotent: a record whose content equals the one on disk (ignoring the fetch time and provenance times)
/// is not written and not logged. Changed content bumps the revision. File names come from the source id and the
/// record id (hex of a URL hash), never from page content.</para>
/// <para>Crash safety: before a record is renamed into place, its manifest line is saved as an intent file under
/// <c>manifest/.intent/</c>; the intent is deleted once the line is appended. On the next start an intent whose
/// record reached that revision has its line appended (once), and any other intent is dropped. So the manifest
/// never names a file that is not there, and never misses a revision that is.</para>
/// </remarks>
public sealed class JsonRecordSink : IRecordSink
{
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly Lock _manifestLock = new();
    private readonly Lazy<Task> _recovery;

    /// <summary>Creates a sink writing under <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="timeProvider">Clock for manifest dates; the system clock when <see langword="null"/>.</param>
    public JsonRecordSink(string outputDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        _root = Path.GetFullPath(outputDirectory);
        _time = timeProvider ?? TimeProvider.System;
        _recovery = new Lazy<Task>(() => Task.Run(RecoverIntents));
    }

    /// <summary>The output folder's full path.</summary>
    public string Root => _root;

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
    public async Task<ArticleRecord?> ReadAsync(string sourceId, string id, CancellationToken cancellationToken = default)
    {
        string path = RecordPath(sourceId, id);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return RecordSerializer.Deserialize(bytes);
    }

    /// <inheritdoc />
    public async Task<WriteResult> WriteAsync(ArticleRecord record, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _recovery.Value.ConfigureAwait(false);
        string path = RecordPath(record.Source.Id, record.Id);
        ArticleRecord? existing = await ReadAsync(record.Source.Id, record.Id, cancellationToken).ConfigureAwait(false);
        bool same = existing is not null && SameContent(existing, record);
        if (same && !force)
        {
            return new WriteResult(path, false, existing!.Revision);
        }

        int revision = existing is null ? 1 : same ? existing.Revision : existing.Revision + 1;
        ArticleRecord final = record with { Revision = revision };
        string change = existing is null ? "created" : same ? "rewritten" : "updated";
        ImmutableArray<string> changes = existing is null || same ? [] : RecordDiff.Changes(existing, final);
        ManifestEntry entry = CreateEntry(final, path, change, changes);

        string intent = IntentPath(final.Id);
        await AtomicFile.WriteAsync(intent, Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry)), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(path, RecordSerializer.Serialize(final), cancellationToken).ConfigureAwait(false);
        AppendManifest(entry);
        File.Delete(intent);
        return new WriteResult(path, true, revision);
    }

    /// <summary>Whether two records carry the same content: everything but revision, fetch time and provenance times.</summary>
    /// <param name="a">One record.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when a rewrite would change nothing a reader cares about.</returns>
    public static bool SameContent(ArticleRecord a, ArticleRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return RecordSerializer.Serialize(Stable(a)).AsSpan().SequenceEqual(RecordSerializer.Serialize(Stable(b)));
    }

    private static ArticleRecord Stable(ArticleRecord record) => record with
    {
        Revision = 0,
        FetchedAt = DateTimeOffset.UnixEpoch,
        Languages = record.Languages.ToImmutableSortedDictionary(
            p => p.Key,
            p => p.Value.Provenance is null ? p.Value : p.Value with { Provenance = p.Value.Provenance with { At = DateTimeOffset.UnixEpoch } },
            Languages.RecordOrder),
    };

    private ManifestEntry CreateEntry(ArticleRecord record, string path, string change, ImmutableArray<string> changes) => new(
        _time.GetUtcNow(),
        record.Id,
        record.Revision,
        Path.GetRelativePath(_root, path).Replace('\\', '/'),
        record.ContentHash,
        change,
        record.Url,
        record.Languages.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Status.ToString().ToLowerInvariant(), Languages.RecordOrder),
        changes);

    private string IntentPath(string id) => Path.Combine(_root, "manifest", ".intent", id + ".json");

    private string ManifestPath(DateTimeOffset at) =>
        Path.Combine(_root, "manifest", at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");

    private void AppendManifest(ManifestEntry entry)
    {
        string manifest = ManifestPath(entry.At);
        byte[] line = Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry) + "\n");
        lock (_manifestLock)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
                using var stream = new FileStream(manifest, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                DropTornLine(stream);
                stream.Seek(0, SeekOrigin.End);
                stream.Write(line);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot append to {manifest}: {ex.Message}", ex);
            }
        }
    }

    // A line cut short by a power loss would glue itself to the next one: cut it back to the last full line.
    private static void DropTornLine(FileStream stream)
    {
        long length = stream.Length;
        if (length == 0)
        {
            return;
        }

        stream.Seek(length - 1, SeekOrigin.Begin);
        if (stream.ReadByte() == '\n')
        {
            return;
        }

        long end = length - 1;
        while (end > 0)
        {
            stream.Seek(end - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n')
            {
                break;
            }

            end--;
        }

        stream.SetLength(end);
    }

    private void RecoverIntents()
    {
        string folder = Path.Combine(_root, "manifest", ".intent");
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string intent in Directory.EnumerateFiles(folder))
        {
            if (!intent.EndsWith(".json", StringComparison.Ordinal))
            {
                // A temp file of an intent that was never renamed: nothing was promised.
                File.Delete(intent);
                continue;
            }

            ManifestEntry? entry = RecordSerializer.DeserializeManifestLine(File.ReadAllText(intent));
            if (entry is not null && RecordReached(entry) && !ManifestHas(entry))
            {
                AppendManifest(entry);
            }

            File.Delete(intent);
        }
    }

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
        string manifest = ManifestPath(entry.At);
        return File.Exists(manifest) && File.ReadLines(manifest)
            .Select(RecordSerializer.DeserializeManifestLine)
            .Any(e => e is not null && e.Id == entry.Id && e.Revision == entry.Revision && e.Change == entry.Change);
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
