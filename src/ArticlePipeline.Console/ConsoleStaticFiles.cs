namespace ArticlePipeline.OperatorConsole;

/// <summary>The console's static files (its one stylesheet and its icon), embedded in the assembly: no file to deploy, no inline style.</summary>
internal static class ConsoleStaticFiles
{
    /// <summary>The stylesheet's bytes.</summary>
    public static byte[] Stylesheet { get; } = Load("console.css");

    /// <summary>The icon's bytes.</summary>
    public static byte[] Icon { get; } = Load("favicon.svg");

    private static byte[] Load(string name)
    {
        using Stream stream = typeof(ConsoleStaticFiles).Assembly.GetManifestResourceStream("ArticlePipeline.OperatorConsole." + name)
            ?? throw new InvalidOperationException($"the console's {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
