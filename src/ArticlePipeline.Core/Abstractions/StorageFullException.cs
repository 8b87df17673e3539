namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// The disk (or database server) holding the records or the state is full. Not a fault of the article being written:
/// a crawl pass stops taking new articles, prints its summary and exits with 1, and the URL is not backed off.
/// </summary>
public sealed class StorageFullException : IOException
{
    // errno values of Linux (ENOSPC 28, EDQUOT 122): .NET reports a failed system call as an IOException whose
    // HResult is the raw errno. Windows reports ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL as HRESULTs.
    private const int LinuxNoSpace = 28;
    private const int LinuxQuota = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>Creates the exception.</summary>
    public StorageFullException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be written, without secrets.</param>
    public StorageFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be written, without secrets.</param>
    /// <param name="innerException">The failure of the file system or the database.</param>
    public StorageFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether <paramref name="exception"/>, or an exception it wraps, says the storage is full: a
    /// <see cref="StorageFullException"/>, or an <see cref="IOException"/> for "no space left on device" or "disk quota
    /// exceeded".
    /// </summary>
    /// <param name="exception">Any exception.</param>
    /// <returns><see langword="true"/> when the write failed for lack of space.</returns>
    public static bool IsStorageFull(Exception? exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is StorageFullException ||
                (current is IOException && current.HResult is LinuxNoSpace or LinuxQuota or WindowsDiskFull or WindowsHandleDiskFull))
            {
                return true;
            }
        }

        return false;
    }
}
