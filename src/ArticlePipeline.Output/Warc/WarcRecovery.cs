namespace ArticlePipeline.Output.Warc;

/// <summary>
/// Repairs the files of writers that died: a marker <c>NAME.warc.gz.open</c> whose lock can be taken belongs to no
/// live process. The file's members are checked in order; the file is cut after the last complete record and the
/// marker removed. A marker still locked belongs to a live writer (this or another process): its file is not touched.
/// Only files started on this machine are considered: a lock on a shared (network) folder may not be seen from another
/// machine, so each machine repairs its own writers' files, when one of its processes next starts a file.
/// </summary>
internal static class WarcRecovery
{
    /// <summary>What one repair did.</summary>
    /// <param name="Path">The WARC file.</param>
    /// <param name="Records">Complete records kept.</param>
    /// <param name="RemovedBytes">Bytes of a torn tail cut off.</param>
    internal sealed record Repair(string Path, int Records, long RemovedBytes);

    /// <summary>Repairs every abandoned file this machine started in <paramref name="directory"/>.</summary>
    /// <param name="directory">The <c>warc</c> folder.</param>
    /// <param name="host">This machine's name (as in the file names).</param>
    /// <returns>The repairs made.</returns>
    public static List<Repair> RecoverAbandoned(string directory, string host)
    {
        var repairs = new List<Repair>();
        if (!Directory.Exists(directory))
        {
            return repairs;
        }

        foreach (string markerPath in Directory.EnumerateFiles(directory, "*" + WarcFile.MarkerSuffix))
        {
            if (!WarcFileName.IsFromHost(Path.GetFileName(markerPath), host))
            {
                continue;
            }

            FileStream marker;
            try
            {
                marker = new FileStream(markerPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Locked by its live writer, or removed by it (or by another recovering process) meanwhile.
                continue;
            }

            using (marker)
            {
                string path = markerPath[..^WarcFile.MarkerSuffix.Length];
                if (File.Exists(path))
                {
                    repairs.Add(Truncate(path));
                }

                File.Delete(markerPath);
            }
        }

        return repairs;
    }

    /// <summary>Cuts <paramref name="path"/> after its last complete record; a file left without any record is removed.</summary>
    /// <param name="path">The file.</param>
    /// <returns>What was done.</returns>
    internal static Repair Truncate(string path)
    {
        long end = 0;
        int records = 0;
        long size;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0))
        {
            size = file.Length;
            while (end < size)
            {
                try
                {
                    long length = GzipMember.ReadLength(file, end, size - end);
                    WarcReader.ReadMember(file, end, length);
                    end += length;
                    records++;
                }
                catch (InvalidDataException)
                {
                    break;
                }
            }

            if (end < size)
            {
                file.SetLength(end);
                file.Flush(flushToDisk: true);
            }
        }

        if (end == 0)
        {
            File.Delete(path);
        }

        return new Repair(path, records, size - end);
    }
}
