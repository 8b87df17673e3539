using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The hosts a source's configuration names. Pure.</summary>
internal static class SourceHosts
{
    /// <summary>The distinct authorities (host and port) of the source's http(s) URLs.</summary>
    public static IEnumerable<string> Authorities(SourceDefinition source) =>
        new[] { source.HomeUrl }
            .Concat(source.Feeds)
            .Concat(source.Sitemaps)
            .Concat(source.Listings.Select(l => l.Url))
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out Uri? url) && url.Scheme is "http" or "https" ? url.Authority : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);
}
