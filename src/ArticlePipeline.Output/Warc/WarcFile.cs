using ArticlePipeline.Core.Abstractions;

namespace ArticlePipeline.Output.Warc;

/// <summary>
/// One WARC file being written by this process, and its marker <c>NAME.warc.gz.open</c> on which the writer holds an
/// exclusive lock until the file is closed: a marker whose lock can be taken belongs to a writer that died
/// (<see cref="WarcRecovery"/>). The lock is released by the operating system when the process ends, however it ends.
/// </summary>
internal sealed class WarcFile : IDisposable
{
    /// <summary>The suffix of a marker file.</summary>
    public const string MarkerSuffix = ".open";

    private readonly FileStream _marker;
    private readonly FileStream _file;
    private bool _broken;

    private WarcFile(string path, FileStream marker, FileStream file)
    {
        FullPath = path;
        _marker = marker;
        _file = file;
    }

    /// <summary>The file's full path.</summary>
    public string FullPath { get; }

    /// <summary>Bytes written and flushed: where the next member starts.</summary>
    public long Length { get; private set; }

    /// <summary>Exchanges stored in this file (the warcinfo record does not count).</summary>
    public int Captures { get; private set; }

    /// <summary>Whether a failed write could not be taken back: the file is left for recovery and no longer written.</summary>
    public bool Broken => _broken;

    /// <summary>Creates the marker (locked), then the file, and writes its first member.</summary>
    /// <param name="path">The new file's full path.</param>
    /// <param name="first">The warcinfo member.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="IOException">The name is taken, or the folder is not writable.</exception>
    public static WarcFile Create(string path, ReadOnlySpan<byte> first)
    {
        string markerPath = path + MarkerSuffix;
        var marker = new FileStream(markerPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var warc = new WarcFile(path, marker, file);
            warc.Append(first, capture: false);
            return warc;
        }
        catch
        {
            file?.Dispose();
            if (file is not null)
            {
                TryDelete(path);
            }

            TryDelete(markerPath);
            marker.Dispose();
            throw;
        }
    }

    /// <summary>Appends members and flushes them to disk; on failure the file is cut back to where it was.</summary>
    /// <param name="members">The members, concatenated.</param>
    /// <param name="capture">Whether they hold an exchange.</param>
    /// <returns>The offset they start at.</returns>
    /// <exception cref="StorageFullException">The disk is full.</exception>
    /// <exception cref="IOException">Another write failure.</exception>
    public long Append(ReadOnlySpan<byte> members, bool capture = true)
    {
        ObjectDisposedException.ThrowIf(_broken, this);
        long start = Length;
        try
        {
            _file.Position = start;
            _file.Write(members);
            _file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TakeBack(start);
            string message = $"cannot write {FullPath}: {ex.Message}";
            throw StorageFullException.IsStorageFull(ex) ? new StorageFullException(message, ex) : new IOException(message, ex);
        }

        Length = start + members.Length;
        Captures += capture ? 1 : 0;
        return start;
    }

    /// <summary>Closes the file and removes its marker; a broken file keeps its marker for the next start to repair.</summary>
    public void Dispose()
    {
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // Nothing is buffered (bufferSize 0): closing cannot lose a record.
        }

        if (!_broken)
        {
            // Deleted while still locked, so no other process can take the marker of a file that is complete.
            TryDelete(FullPath + MarkerSuffix);
        }

        _marker.Dispose();
    }

    private void TakeBack(long start)
    {
        try
        {
            _file.SetLength(start);
            _file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The tail could not be cut: stop writing this file. Its marker stays, so a later start truncates it.
            _broken = true;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A marker left behind is harmless: the next start finds its lock free and checks the file.
        }
    }
}
