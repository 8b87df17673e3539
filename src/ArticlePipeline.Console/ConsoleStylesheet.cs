namespace ArticlePipeline.OperatorConsole;

/// <summary>The console's one stylesheet, embedded in the assembly (no file to deploy, no inline style).</summary>
internal static class ConsoleStylesheet
{
    /// <summary>The stylesheet's bytes.</summary>
    public static byte[] Bytes { get; } = Load();

    private static byte[] Load()
    {
        using Stream stream = typeof(ConsoleStylesheet).Assembly.GetManifestResourceStream("ArticlePipeline.OperatorConsole.console.css")
            ?? throw new InvalidOperationException("the console's stylesheet is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
