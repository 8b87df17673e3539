namespace ArticlePipeline.Testing;

/// <summary>Finds the read-only data in <c>../shared</c> beside the repository; tests skip when it is absent.</summary>
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
