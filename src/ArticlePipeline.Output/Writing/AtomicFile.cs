using System.Collections.Concurrent;

namespace ArticlePipeline.Output.Writing;

/// <summary>Writes a file so that readers see the old content or the new, never a fragment.</summary>
public static class AtomicFile
{
    /// <summary>Age after which a left-over temp file of a killed writer is deleted.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    // Folders this process has already created and swept for stale temp files.
    private static readonly ConcurrentDictionary<string, bool> KnownFolders = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="content"/> to a temp file in the same folder, flushes it to disk, renames it over <paramref name="path"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="cancellationToken">Cancels before the write starts; the target is then untouched.</param>
    /// <returns>A task.</returns>
    /// <exception cref="IOException">The folder is not writable, the disk is full, or the path is too long; the message names the path.</exception>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            // Records are small: synchronous writes cost less than the async machinery around them.
            Write(path, content.Span);
            return Task.CompletedTask;
        }
        catch (IOException ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>Synchronous form of <see cref="WriteAsync"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="content">The bytes.</param>
    /// <exception cref="IOException">The write failed; the message names the path.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        string temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            PrepareFolder(directory);
            try
            {
                WriteAndFlush(temp, content);
            }
            catch (DirectoryNotFoundException)
            {
                // The folder was removed since this process last saw it.
                KnownFolders.TryRemove(directory, out _);
                PrepareFolder(directory);
                WriteAndFlush(temp, content);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"cannot write {full}: {ex.Message}", ex);
        }
    }

    private static void WriteAndFlush(string temp, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    // The first write into a folder creates it and removes temp files that killed writers left there. Only old
    // ones: a young temp file may belong to another process still writing.
    private static void PrepareFolder(string directory)
    {
        if (KnownFolders.ContainsKey(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        // File times are stamped by the machine's real clock, so the age is measured against that clock.
        DateTime cutoff = TimeProvider.System.GetUtcNow().UtcDateTime - StaleAfter;
        foreach (string stale in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(stale) < cutoff)
            {
                TryDelete(stale);
            }
        }

        KnownFolders[directory] = true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left-over temp files are named ".*.tmp", ignored by readers and swept later.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
