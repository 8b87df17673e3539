using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// Reads a file an operator named on the command line (<c>extract</c>, <c>validate</c>) without trusting it to be a
/// page: only a regular file is read (not a folder, a FIFO, which would block forever, a device such as
/// <c>/dev/zero</c>, which never ends, or a socket), a symbolic link loop is reported, and at most a given number of
/// bytes is read.
/// </summary>
internal static partial class InputFile
{
    // Linux statx(2): AT_FDCWD, STATX_TYPE | STATX_SIZE, and the offsets of stx_mode and stx_size in struct statx,
    // whose layout is the same on every architecture (unlike struct stat).
    private const int AtCurrentDirectory = -100;
    private const uint TypeAndSize = 0x0001 | 0x0200;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int LinkLoop = 40;

    /// <summary>Why <paramref name="path"/> cannot be read as an input, or <see langword="null"/> when it is a regular file.</summary>
    /// <param name="path">The path (symbolic links are followed).</param>
    /// <param name="size">The file's size in bytes, when it is a regular file.</param>
    /// <returns>A short reason, e.g. <c>not a regular file (a FIFO)</c>, or <see langword="null"/>.</returns>
    public static string? Problem(string path, out long size)
    {
        size = 0;
        if (OperatingSystem.IsLinux())
        {
            byte[] buffer = new byte[StatxSize];
            int result;
            try
            {
                result = Statx(AtCurrentDirectory, path, 0, TypeAndSize, buffer);
            }
            catch (EntryPointNotFoundException)
            {
                // A C library without statx (glibc before 2.28): the size cap still bounds what is read.
                return PortableProblem(path, out size);
            }

            if (result != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == LinkLoop ? "a symbolic link loop" : "cannot read it: " + Marshal.GetPInvokeErrorMessage(errno);
            }

            int mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset));
            size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(SizeOffset));
            return (mode & FileTypeMask) == RegularFile ? null : $"not a regular file ({Kind(mode & FileTypeMask)})";
        }

        return PortableProblem(path, out size);
    }

    /// <summary>Reads a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes accepted.</param>
    /// <param name="limitName">The setting that sets the limit, named in the reason.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or why the file was not read.</returns>
    public static async Task<(byte[]? Bytes, string? Problem)> ReadAsync(string path, long maxBytes, string limitName, CancellationToken cancellationToken = default)
    {
        if (Problem(path, out long size) is { } problem)
        {
            return (null, problem);
        }

        string tooLarge = string.Create(CultureInfo.InvariantCulture, $"larger than {maxBytes} bytes ({limitName})");
        if (size > maxBytes)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"{size} bytes, {tooLarge}"));
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            await using (stream.ConfigureAwait(false))
            {
                // The file may have grown since it was measured: read one byte past the cap to know.
                byte[] buffer = new byte[(int)Math.Min(maxBytes + 1, Math.Max(size, 0) + 1)];
                int total = 0;
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        if (buffer.Length > maxBytes)
                        {
                            return (null, tooLarge);
                        }

                        Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return (buffer.AsSpan(0, total).ToArray(), null);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot read it: " + ex.Message);
        }
    }

    private static string? PortableProblem(string path, out long size)
    {
        size = 0;
        try
        {
            var info = new FileInfo(path);
            FileSystemInfo? target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not FileInfo { Exists: true } file || (file.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0)
            {
                return "not a regular file";
            }

            size = file.Length;
            return null;
        }
        catch (IOException ex)
        {
            return "cannot read it: " + ex.Message;
        }
    }

    private static string Kind(int type) => type switch
    {
        0x4000 => "a folder",
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a file",
    };

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
