using System.Text;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// The write-ahead journal of one sink: before a record is renamed into place, the manifest line it will get is
/// appended here. A process that dies between the rename and the manifest append leaves its line in the journal,
/// and the next sink replays it. The file is held open with an exclusive lock, so a live writer's journal is never
/// replayed by another process.
/// </summary>
internal sealed class ManifestJournal : IDisposable
{
    private readonly FileStream _stream;

    private ManifestJournal(FileStream stream) => _stream = stream;

    /// <summary>The folder that holds the journals of every sink writing to an output folder.</summary>
    public static string Folder(string root) => Path.Combine(root, "manifest", ".journal");

    /// <summary>Creates this sink's journal.</summary>
    public static ManifestJournal Create(string root)
    {
        string folder = Folder(root);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".jsonl");
        // Unbuffered: a line that could not be written (a full disk) must not linger in a buffer and fail again on dispose.
        return new ManifestJournal(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0));
    }

    /// <summary>Appends the line a write will add to the manifest; durable with the record's own flush to disk.</summary>
    public void Append(ManifestEntry entry)
    {
        long before = _stream.Position;
        try
        {
            _stream.Write(Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry) + "\n"));
        }
        catch (IOException)
        {
            // A part of the line may have been written: cut it off, or the next line would be glued to it and lost.
            TryTruncate(before);
            throw;
        }
    }

    /// <summary>Forgets every entry: the manifest lines they promised are on disk.</summary>
    public void Clear()
    {
        _stream.SetLength(0);
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads and deletes the journals of sinks that are gone (their files are no longer locked).
    /// </summary>
    public static List<ManifestEntry> TakeOrphans(string root)
    {
        var entries = new List<ManifestEntry>();
        string folder = Folder(root);
        if (!Directory.Exists(folder))
        {
            return entries;
        }

        foreach (string path in Directory.EnumerateFiles(folder, "*.jsonl"))
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (reader.ReadLine() is { } line)
                {
                    if (RecordSerializer.DeserializeManifestLine(line) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
            }
            catch (IOException)
            {
                // Locked: a live sink in another process owns it.
                continue;
            }

            File.Delete(path);
        }

        return entries;
    }

    public void Dispose()
    {
        string path = _stream.Name;
        _stream.Dispose();
        File.Delete(path);
    }

    /// <summary>Closes the journal but keeps its file, for the next sink to replay: the manifest could not be flushed.</summary>
    public void Abandon() => _stream.Dispose();

    private void TryTruncate(long length)
    {
        try
        {
            _stream.SetLength(length);
            _stream.Position = length;
        }
        catch (IOException)
        {
            // A torn last line is skipped by the replay, which parses line by line.
        }
    }
}
