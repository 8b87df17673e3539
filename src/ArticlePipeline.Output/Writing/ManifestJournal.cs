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
        return new ManifestJournal(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096));
    }

    /// <summary>Appends the line a write will add to the manifest; durable with the record's own flush to disk.</summary>
    public void Append(ManifestEntry entry)
    {
        _stream.Write(Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry) + "\n"));
        _stream.Flush(flushToDisk: false);
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
}
