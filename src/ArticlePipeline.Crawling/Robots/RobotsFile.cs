using System.Collections.Immutable;

namespace ArticlePipeline.Crawling.Robots;

/// <summary>A parsed robots.txt: its groups and its <c>Sitemap</c> lines. Pure.</summary>
/// <param name="Groups">The groups in file order.</param>
/// <param name="Sitemaps">Absolute http(s) URLs of the <c>Sitemap</c> lines, which belong to no group.</param>
public sealed record RobotsFile(ImmutableArray<RobotsGroup> Groups, ImmutableArray<Uri> Sitemaps)
{
    /// <summary>An empty file: no groups, no sitemaps.</summary>
    public static RobotsFile Empty { get; } = new([], []);

    /// <summary>
    /// The rules for the crawler whose product token is <paramref name="productToken"/>: every group naming it
    /// (case-insensitively) merged into one, else every <c>*</c> group merged, else no rules (RFC 9309, 2.2.1).
    /// </summary>
    /// <param name="productToken">Our product token, e.g. <c>ArticlePipeline</c>.</param>
    /// <returns>The applicable rules.</returns>
    public RobotsRules For(string productToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(productToken);
        List<RobotsGroup> matching = Groups
            .Where(g => g.UserAgents.Any(a => string.Equals(a, productToken, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (matching.Count == 0)
        {
            matching = Groups.Where(g => g.UserAgents.Contains("*")).ToList();
        }

        if (matching.Count == 0)
        {
            return RobotsRules.AllowAll;
        }

        return new RobotsRules(
            matching.SelectMany(g => g.Rules).ToImmutableArray(),
            matching.Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null));
    }

    /// <summary>Whether <paramref name="productToken"/> may fetch <paramref name="pathAndQuery"/>.</summary>
    /// <param name="productToken">Our product token.</param>
    /// <param name="pathAndQuery">Path and query of the URL.</param>
    /// <returns>The verdict.</returns>
    public RobotsVerdict Evaluate(string productToken, string pathAndQuery) => For(productToken).Evaluate(pathAndQuery);
}
