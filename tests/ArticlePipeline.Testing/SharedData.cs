using NUnit.Framework;

namespace ArticlePipeline.Testing;

/// <summary>
/// Finds the read-only data in <c>../shared</c> beside the repository. Tests skip when it is absent on a developer's
/// machine and fail under CI (the <c>CI</c> environment variable is set), where it must be there.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding ArticlePipeline.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The <c>shared</c> folder next to the repository, or <see langword="null"/> when absent.</summary>
    public static string? Root
    {
        get
        {
            string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    /// <summary>A path inside <c>shared</c>, or <see langword="null"/> when it does not exist.</summary>
    public static string? Find(params string[] parts)
    {
        if (Root is null)
        {
            return null;
        }

        string path = System.IO.Path.Combine([Root, .. parts]);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    /// <summary>
    /// A path inside <c>shared</c> that the calling test needs: when it is absent the test is ignored, or failed
    /// under CI so that a missing corpus can never pass as green.
    /// </summary>
    /// <param name="parts">The path's segments below <c>shared</c>.</param>
    /// <returns>The full path.</returns>
    public static string Require(params string[] parts)
    {
        if (Find(parts) is { } path)
        {
            return path;
        }

        string message = $"../shared/{string.Join('/', parts)} absent";
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0")
        {
            Assert.Fail(message + " (required under CI)");
        }

        Assert.Ignore(message);
        return null!;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ArticlePipeline.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ArticlePipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
