namespace ArticlePipeline.Core.Sources;

/// <summary>
/// The configured sources, for a page that names an article of another source: a mirror's source line names the
/// original, whose record belongs to the source of its host. Set once the sources file is loaded.
/// </summary>
public sealed class SourceDirectory
{
    private volatile SourceCatalog _catalog = new();

    /// <summary>Uses <paramref name="catalog"/> from now on.</summary>
    /// <param name="catalog">The loaded sources file.</param>
    public void Use(SourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>The source <paramref name="url"/> belongs to, if any (see <see cref="SourceCatalog.FindByHost"/>).</summary>
    /// <param name="url">An article URL.</param>
    /// <returns>The source or <see langword="null"/>.</returns>
    public SourceDefinition? FindByHost(Uri url) => _catalog.FindByHost(url);
}
