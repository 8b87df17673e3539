namespace ArticlePipeline.Core.Sources;

/// <summary>The content of the sources file: every configured newspaper.</summary>
public sealed class SourceCatalog
{
    /// <summary>The newspapers.</summary>
    public IList<SourceDefinition> Sources { get; set; } = [];

    /// <summary>
    /// The source whose home URL has the same host as <paramref name="url"/> (ignoring <c>www.</c>; a port other than
    /// the scheme's default must match too), if any.
    /// </summary>
    /// <param name="url">An article URL.</param>
    /// <returns>The matching source or <see langword="null"/>.</returns>
    public SourceDefinition? FindByHost(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string host = StripWww(url.Host);
        return Sources.FirstOrDefault(s =>
            Uri.TryCreate(s.HomeUrl, UriKind.Absolute, out Uri? home) &&
            !home.IsFile &&
            string.Equals(StripWww(home.Host), host, StringComparison.OrdinalIgnoreCase) &&
            (home.IsDefaultPort && url.IsDefaultPort || home.Port == url.Port));
    }

    private static string StripWww(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
