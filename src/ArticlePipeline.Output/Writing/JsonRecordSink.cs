using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// Writes one JSON file per article under <c>{out}/records/{source}/{id}.json</c> and appends one line per write to
/// <c>{out}/manifest/{yyyy-MM-dd}.jsonl</c>, only after the record is in place.
/// </summary>
/// <remarks>
/// Idempotent: a record whose content equals the one on disk (ignoring the fetch time and provenance times) is
/// not written and not logged. Changed content bumps the revision. File names come from the source id and the
/// record id (hex of a URL hash), never from page content.
/// </remarks>
public sealed class JsonRecordSink : IRecordSink
{
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly Lock _manifestLock = new();

    /// <summary>Creates a sink writing under <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="timeProvider">Clock for manifest dates; the system clock when <see langword="null"/>.</param>
    public JsonRecordSink(string outputDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        _root = Path.GetFullPath(outputDirectory);
        _time = timeProvider ?? TimeProvider.System;
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
        if (!IsSafeName(sourceId) || !IsSafeName(id))
        {
            throw new ArgumentException($"unsafe record name '{sourceId}/{id}'");
        }

        return Path.Combine(_root, "records", sourceId, id + ".json");
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
        string path = RecordPath(record.Source.Id, record.Id);
        ArticleRecord? existing = await ReadAsync(record.Source.Id, record.Id, cancellationToken).ConfigureAwait(false);
        bool same = existing is not null && SameContent(existing, record);
        if (same && !force)
        {
            return new WriteResult(path, false, existing!.Revision);
        }

        int revision = existing is null ? 1 : same ? existing.Revision : existing.Revision + 1;
        ArticleRecord final = record with { Revision = revision };
        await AtomicFile.WriteAsync(path, RecordSerializer.Serialize(final), cancellationToken).ConfigureAwait(false);

        string change = existing is null ? "created" : same ? "rewritten" : "updated";
        AppendManifest(final, path, change);
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

    private void AppendManifest(ArticleRecord record, string path, string change)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var entry = new ManifestEntry(
            now,
            record.Id,
            record.Revision,
            Path.GetRelativePath(_root, path).Replace('\\', '/'),
            record.ContentHash,
            change,
            record.Url,
            record.Languages.ToImmutableSortedDictionary(p => p.Key, p => StatusName(p.Value.Status), Languages.RecordOrder));
        string manifest = Path.Combine(_root, "manifest", now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl");
        byte[] line = Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry) + "\n");

        // The manifest is written after the record is renamed into place, so it never names a missing file.
        lock (_manifestLock)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
                using var stream = new FileStream(manifest, FileMode.Append, FileAccess.Write, FileShare.Read);
                stream.Write(line);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot append to {manifest}: {ex.Message}", ex);
            }
        }
    }

    private static string StatusName(TranslationStatus status) => status.ToString().ToLowerInvariant();

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
