using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The exclusive claim of one local command on an output folder: an OS lock on <c>{out}/.lock</c>, which holds the
/// owner's process id. Two commands writing one folder would both "create" the same records and translate the same
/// pending languages twice; the second one is refused instead (or waits with <c>--wait</c>).
/// </summary>
/// <remarks>
/// <para>The lock is a POSIX record lock on the file's first byte (<see cref="FileStream.Lock"/>), so the kernel releases
/// it when the holder exits or is killed: a crashed holder never blocks the folder. The file itself stays (removing it
/// would let a third process lock a new file while a second one waits on the old).</para>
/// <para>POSIX record locks belong to the process and are dropped when any descriptor of the file closes, so this
/// process never opens the file twice: a second claim from within the same process is refused from a table instead.
/// Cluster workers (<c>Scheduler:Clustered</c>) share their output folder on purpose and coordinate through PostgreSQL;
/// they take no lock.</para>
/// </remarks>
internal sealed class OutputLock : IDisposable
{
    /// <summary>The lock file's name inside the output folder.</summary>
    public const string FileName = ".lock";

    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<string, byte> Held = new(StringComparer.Ordinal);

    private readonly FileStream _stream;
    private readonly string _path;

    private OutputLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>Takes the output folder, creating it if needed.</summary>
    /// <param name="outDirectory">The output folder.</param>
    /// <param name="wait">Wait until the holder is done instead of refusing.</param>
    /// <param name="error">Where the one "waiting" note goes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The held lock; dispose it to release the folder.</returns>
    /// <exception cref="UsageException">The folder is in use and <paramref name="wait"/> is false, or it cannot be locked.</exception>
    public static async Task<OutputLock> AcquireAsync(string outDirectory, bool wait, TextWriter error, CancellationToken cancellationToken = default)
    {
        string folder = Path.GetFullPath(outDirectory);
        bool told = false;
        while (true)
        {
            (OutputLock? taken, string holder) = TryAcquire(folder);
            if (taken is not null)
            {
                return taken;
            }

            string busy = $"{folder} is in use by {holder}";
            if (!wait)
            {
                throw new UsageException($"{busy} (another article-pipeline command writes to it); wait for it to finish, or add --wait");
            }

            if (!told)
            {
                await error.WriteLineAsync($"info: {busy}; waiting (--wait)").ConfigureAwait(false);
                told = true;
            }

            await Task.Delay(WaitStep, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the folder.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        Held.TryRemove(_path, out _);
    }

    private static (OutputLock? Lock, string Holder) TryAcquire(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!Held.TryAdd(path, 0))
        {
            return (null, $"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} (this process)");
        }

        FileStream? stream = null;
        try
        {
            Directory.CreateDirectory(folder);
            if (OperatingSystem.IsMacOS())
            {
                // No record locks there: the whole file is locked on open, and a waiting process cannot read the pid.
                try
                {
                    stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
                }
                catch (IOException) when (File.Exists(path))
                {
                    Held.TryRemove(path, out _);
                    return (null, "another process");
                }
            }
            else
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                try
                {
                    stream.Lock(0, 1);
                }
                catch (IOException)
                {
                    string holder = ReadHolder(stream);
                    stream.Dispose();
                    Held.TryRemove(path, out _);
                    return (null, holder);
                }
            }

            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush();
            return (new OutputLock(stream, path), string.Empty);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            stream?.Dispose();
            Held.TryRemove(path, out _);
            throw new UsageException($"cannot lock the output folder {folder} ({path}): {ex.Message}", ex);
        }
    }

    private static string ReadHolder(FileStream stream)
    {
        // The holder writes its pid right after locking; a reader racing that write sees an empty file.
        var buffer = new byte[32];
        stream.Position = 0;
        int read = stream.Read(buffer);
        string text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            ? $"pid {pid.ToString(CultureInfo.InvariantCulture)}"
            : "another process";
    }
}
