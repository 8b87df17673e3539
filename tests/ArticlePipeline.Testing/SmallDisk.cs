using System.Diagnostics;
using System.Globalization;

using NUnit.Framework;

namespace ArticlePipeline.Testing;

/// <summary>A real, small tmpfs mounted for a test (needs root), so a write can really run out of space.</summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>Where it is mounted.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kibibytes"/> KiB at a new folder; the test is ignored where that is not allowed.</summary>
    public static SmallDisk Mount(int kibibytes)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ap-disk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        (int code, string error) = Run("mount", "-t", "tmpfs", "-o", Size(kibibytes), "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Ignore($"cannot mount a tmpfs here (root needed): {error}");
        }

        return new SmallDisk(path);
    }

    /// <summary>Grows (or shrinks) the file system in place: freeing space as an operator would.</summary>
    public void Resize(int kibibytes)
    {
        (int code, string error) = Run("mount", "-o", "remount," + Size(kibibytes), Path);
        Assert.That(code, Is.Zero, error);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static string Size(int kibibytes) => "size=" + kibibytes.ToString(CultureInfo.InvariantCulture) + "k";

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, UseShellExecute = false })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
