using System.Collections.Immutable;

namespace ArticlePipeline.Crawling.Robots;

/// <summary>A group of a robots.txt file: the user agents it names and the rules that apply to them.</summary>
/// <param name="UserAgents">Product tokens as written (only letters, <c>_</c> and <c>-</c> kept), or <c>*</c>.</param>
/// <param name="Rules">The group's rules in file order.</param>
/// <param name="CrawlDelay">The group's <c>Crawl-delay</c>, a widespread extension outside RFC 9309.</param>
public sealed record RobotsGroup(ImmutableArray<string> UserAgents, ImmutableArray<RobotsRule> Rules, TimeSpan? CrawlDelay);
