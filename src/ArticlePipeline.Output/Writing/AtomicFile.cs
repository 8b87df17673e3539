namespace ArticlePipeline.Output.Writing;

/// <summary>Writes a file so that readers see the old content or the new, never a fragment.</summary>
public static class AtomicFile
{
    /// <summary>Age after which a left-over temp file of a target is deleted by the next write of that target.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Writes <paramref name="content"/> to a temp file in the same folder, flushes it to disk, renames it over <paramref name="path"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="cancellationToken">Cancels before the rename; the target is then untouched.</param>
    /// <returns>A task.</returns>
    /// <exception cref="IOException">The folder is not writable, the disk is full, or the path is too long; the message names the path.</exception>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            Directory.CreateDirectory(directory);
            DeleteStaleTemps(directory, Path.GetFileName(path));
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"cannot write {path}: {ex.Message}", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    // A process killed mid-write leaves its hidden temp file behind; the next write of the same file removes
    // it. Only old ones: a temp file a few minutes old may belong to another process still writing.
    private static void DeleteStaleTemps(string directory, string name)
    {
        DateTime cutoff = DateTime.UtcNow - StaleAfter;
        foreach (string stale in Directory.EnumerateFiles(directory, "." + name + ".*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(stale) < cutoff)
            {
                TryDelete(stale);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left-over temp files are named ".*.tmp" and ignored by readers.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
