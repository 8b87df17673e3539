using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Core.Sources;

/// <summary>Reads and checks the sources file.</summary>
/// <remarks>
/// Relative URLs in the file (home, feeds, sitemaps, listings) are resolved against the file's own location,
/// so a sample site next to the sources file works from any working directory.
/// </remarks>
public static partial class SourceCatalogLoader
{
    /// <summary>The most pages of one listing a pass may read.</summary>
    public const int MaxListingPages = 100;

    /// <summary>The most connections per host a source may ask for (the crawler's own cap).</summary>
    public const int MaxConnectionsPerHost = 16;

    /// <summary>The most names a source's <c>stripParameters</c> may list.</summary>
    public const int MaxStripParameters = 100;

    /// <summary>Loads the sources file at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the sources file.</param>
    /// <returns>The checked catalog with absolute URLs.</returns>
    /// <exception cref="SourceCatalogException">The file is missing, malformed or invalid.</exception>
    public static SourceCatalog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new SourceCatalogException($"sources file not found: {fullPath}");
        }

        SourceCatalog? catalog;
        try
        {
            using FileStream stream = File.OpenRead(fullPath);
            catalog = JsonSerializer.Deserialize(stream, SourceCatalogJsonContext.Default.SourceCatalog);
        }
        catch (JsonException ex)
        {
            throw new SourceCatalogException($"sources file {fullPath} does not parse: {ex.Message}", ex);
        }

        if (catalog?.Sources is null)
        {
            throw new SourceCatalogException($"sources file {fullPath} has no \"sources\" list");
        }

        if (catalog.Sources.Any(s => s is null))
        {
            throw new SourceCatalogException($"sources file {fullPath}: a source entry is null");
        }

        var baseUri = new Uri(fullPath);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (SourceDefinition source in catalog.Sources)
        {
            string where = $"sources file {fullPath}, source '{source.Id}'";
            if (source.Id is null || !IdPattern().IsMatch(source.Id))
            {
                throw new SourceCatalogException($"{where}: id must be lowercase letters, digits and dashes");
            }

            if (!ids.Add(source.Id))
            {
                throw new SourceCatalogException($"{where}: id is used twice");
            }

            if (source.Feeds is null || source.Sitemaps is null || source.Listings is null || source.Listings.Any(l => l is null) ||
                source.ExcludePatterns is null || source.StripParameters is null || source.Editions is null || source.Editions.Any(e => e is null))
            {
                throw new SourceCatalogException($"{where}: feeds, sitemaps, listings, excludePatterns, stripParameters and editions must be lists, not null");
            }

            CheckEditions(source.Editions, where);

            CheckStripParameters(source.StripParameters, where);

            source.HomeUrl = Resolve(baseUri, source.HomeUrl, where, "homeUrl");
            source.Feeds = source.Feeds.Select(f => Resolve(baseUri, f, where, "feeds")).ToList();
            source.Sitemaps = source.Sitemaps.Select(f => Resolve(baseUri, f, where, "sitemaps")).ToList();
            foreach (ListingPage listing in source.Listings)
            {
                listing.Url = Resolve(baseUri, listing.Url, where, "listings");
                CheckPattern(listing.ArticlePattern ?? string.Empty, where, "articlePattern");
                if (listing.NextPagePattern is not null)
                {
                    CheckPattern(listing.NextPagePattern, where, "nextPagePattern");
                }

                if (listing.MaxPages is < 1 or > MaxListingPages)
                {
                    throw new SourceCatalogException($"{where}: listings[].maxPages must be between 1 and {MaxListingPages}");
                }
            }

            foreach (string pattern in source.ExcludePatterns)
            {
                CheckPattern(pattern ?? string.Empty, where, "excludePatterns");
            }

            if (source.DelaySeconds is { } delay && (double.IsNaN(delay) || delay < 0 || delay > 3600))
            {
                throw new SourceCatalogException($"{where}: delaySeconds must be between 0 and 3600");
            }

            if (source.MaxConnectionsPerHost is < 1 or > MaxConnectionsPerHost)
            {
                throw new SourceCatalogException($"{where}: maxConnectionsPerHost must be between 1 and {MaxConnectionsPerHost}");
            }

            if (source.TrailingSlash is not ("strip" or "keep"))
            {
                throw new SourceCatalogException($"{where}: trailingSlash must be \"strip\" or \"keep\"");
            }

            if (source.MaxArticlesPerRun <= 0)
            {
                throw new SourceCatalogException($"{where}: maxArticlesPerRun must be positive");
            }
        }

        return catalog;
    }

    private static void CheckStripParameters(IList<string> names, string where)
    {
        if (names.Count > MaxStripParameters)
        {
            throw new SourceCatalogException($"{where}: stripParameters may name at most {MaxStripParameters} parameters");
        }

        foreach (string name in names)
        {
            // A bare "*" (or an empty prefix) would strip every parameter and merge every article of a query-routed site.
            if (name is null || !ParameterNamePattern().IsMatch(name))
            {
                throw new SourceCatalogException(
                    $"{where}: stripParameters entry '{name}' must be a query parameter name (letters, digits, - _ . ~ [ ]), optionally ending in * for a prefix");
            }
        }
    }

    private static void CheckEditions(IList<EditionRule> rules, string where)
    {
        var languages = new HashSet<string>(StringComparer.Ordinal);
        foreach (EditionRule rule in rules)
        {
            if (!Model.Languages.IsRecordLanguage(rule.Language))
            {
                throw new SourceCatalogException($"{where}: editions[].language '{rule.Language}' must be one of {string.Join(", ", Model.Languages.Record)}");
            }

            if (!languages.Add(rule.Language))
            {
                throw new SourceCatalogException($"{where}: editions names language '{rule.Language}' twice");
            }

            if (!Uri.TryCreate(rule.UrlPrefix, UriKind.Absolute, out Uri? prefix) || prefix.Scheme is not ("http" or "https"))
            {
                throw new SourceCatalogException($"{where}: editions[].urlPrefix '{rule.UrlPrefix}' must be an absolute http(s) URL");
            }
        }
    }

    private static void CheckPattern(string pattern, string where, string field)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new SourceCatalogException($"{where}: {field} is not a valid regular expression: {ex.Message}", ex);
        }
    }

    private static string Resolve(Uri baseUri, string value, string where, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(baseUri, value, out Uri? resolved))
        {
            throw new SourceCatalogException($"{where}: {field} '{value}' is not a URL");
        }

        if (resolved.Scheme is not ("http" or "https" or "file"))
        {
            throw new SourceCatalogException($"{where}: {field} '{value}' must be http, https or a file path");
        }

        return resolved.AbsoluteUri;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.~\[\]-]{1,100}\*?$")]
    private static partial Regex ParameterNamePattern();
}
