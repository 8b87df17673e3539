using System.Text;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Output.Tests;

[TestFixture]
public sealed class AtomicFileTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown()
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (string folder in Directory.GetDirectories(_dir.Path, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        _dir.Dispose();
    }

    [Test]
    public async Task WriteAsync_NewFileInNewFolder_WritesTheBytesAndNoTempFile()
    {
        string path = _dir.Combine("records", "baosonghau", "a.json");

        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("{\"a\":1}\n"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("{\"a\":1}\n"));
            Assert.That(TempFiles(), Is.Empty);
        }
    }

    [Test]
    public async Task WriteAsync_ExistingFile_IsReplacedWhole()
    {
        string path = _dir.Combine("a.json");
        await File.WriteAllTextAsync(path, new string('x', 10_000));

        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("short"));

        Assert.That(File.ReadAllText(path), Is.EqualTo("short"));
    }

    [Test]
    public void WriteAsync_CanceledBeforeTheRename_LeavesTargetAndNoTempFile()
    {
        string path = _dir.Combine("a.json");
        File.WriteAllText(path, "old");
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        Assert.That(() => AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("new"), canceled.Token), Throws.InstanceOf<OperationCanceledException>());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
            Assert.That(TempFiles(), Is.Empty);
        }
    }

    [Test]
    public void WriteAsync_ReadOnlyFolder_ThrowsIOExceptionNamingThePathAndLeavesNoTempFile()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("POSIX permissions only");
            return;
        }

        string folder = _dir.Combine("locked");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "x");
            File.Delete(Path.Combine(folder, "probe"));
            Assert.Ignore("the folder stays writable (running as root?): permissions cannot be tested here");
        }
        catch (UnauthorizedAccessException)
        {
            // Expected: the folder is read-only for this user.
        }

        string path = Path.Combine(folder, "a.json");
        IOException? error = Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("{}")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error?.Message, Does.Contain(path));
            Assert.That(Directory.GetFiles(folder), Is.Empty);
        }
    }

    [Test]
    public void WriteAsync_FolderIsAFile_ThrowsIOExceptionNamingThePath()
    {
        string blocker = _dir.Combine("records");
        File.WriteAllText(blocker, "not a folder");
        string path = Path.Combine(blocker, "baosonghau", "a.json");

        IOException? error = Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("{}")));

        Assert.That(error?.Message, Does.Contain(path));
    }

    [Test]
    public void WriteAsync_TargetIsAFolder_ThrowsIOExceptionAndDeletesTheTempFile()
    {
        // The temp file is written, then the rename fails: the temp file must not stay behind.
        string path = _dir.Combine("a.json");
        Directory.CreateDirectory(path);

        IOException? error = Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("{}")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error?.Message, Does.Contain(path));
            Assert.That(TempFiles(), Is.Empty);
            Assert.That(Directory.Exists(path), Is.True);
        }
    }

    private string[] TempFiles() => Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories);
}
