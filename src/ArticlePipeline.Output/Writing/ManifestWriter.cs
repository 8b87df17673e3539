using System.Globalization;
using System.Text;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// Appends manifest lines to <c>manifest/{yyyy-MM-dd}.jsonl</c>. Each append opens the day file exclusively, so
/// worker processes sharing an output folder (cluster mode) take turns and never overwrite each other's lines.
/// </summary>
internal sealed class ManifestWriter : IDisposable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder;
    private readonly HashSet<string> _unflushed = new(StringComparer.Ordinal);

    public ManifestWriter(string root) => _folder = Path.Combine(root, "manifest");

    public static string PathFor(string root, DateTimeOffset at) =>
        Path.Combine(root, "manifest", at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>Appends one line (to the OS; <see cref="Flush"/> puts it on disk).</summary>
    public void Append(ManifestEntry entry)
    {
        string path = Path.Combine(_folder, entry.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");
        byte[] line = Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry) + "\n");
        Directory.CreateDirectory(_folder);
        using FileStream stream = OpenExclusive(path);
        DropTornLine(stream);
        stream.Seek(0, SeekOrigin.End);
        stream.Write(line);
        _unflushed.Add(path);
    }

    /// <summary>Puts every line appended since the last flush on disk.</summary>
    public void Flush()
    {
        foreach (string path in _unflushed)
        {
            using FileStream stream = OpenExclusive(path);
            stream.Flush(flushToDisk: true);
        }

        _unflushed.Clear();
    }

    public void Dispose() => Flush();

    private static FileStream OpenExclusive(string path)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: other processes wait for their turn.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096);
            }
            catch (IOException) when (System.Diagnostics.Stopwatch.GetElapsedTime(started) < LockTimeout && File.Exists(path))
            {
                // Another process is appending its line: wait for our turn.
                Thread.Sleep(2);
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
}
