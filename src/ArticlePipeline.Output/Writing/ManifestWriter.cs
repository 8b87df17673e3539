using System.Globalization;
using System.Text;
using ArticlePipeline.Output.Json;

namespace ArticlePipeline.Output.Writing;

/// <summary>Appends manifest lines to <c>manifest/{yyyy-MM-dd}.jsonl</c> through one open handle per day file.</summary>
internal sealed class ManifestWriter : IDisposable
{
    private readonly string _folder;
    private FileStream? _stream;
    private string? _path;

    public ManifestWriter(string root) => _folder = Path.Combine(root, "manifest");

    public static string PathFor(string root, DateTimeOffset at) =>
        Path.Combine(root, "manifest", at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>Appends one line (to the OS; <see cref="Flush"/> puts it on disk).</summary>
    public void Append(ManifestEntry entry)
    {
        string path = Path.Combine(_folder, entry.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");
        if (path != _path)
        {
            Flush();
            _stream?.Dispose();
            Directory.CreateDirectory(_folder);
            _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 4096);
            DropTornLine(_stream);
            _path = path;
        }

        _stream!.Seek(0, SeekOrigin.End);
        _stream.Write(Encoding.UTF8.GetBytes(RecordSerializer.SerializeManifestLine(entry) + "\n"));
        _stream.Flush(flushToDisk: false);
    }

    public void Flush() => _stream?.Flush(flushToDisk: true);

    public void Dispose()
    {
        Flush();
        _stream?.Dispose();
        _stream = null;
        _path = null;
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
