using System.Collections.Immutable;

namespace ArticlePipeline.Crawling.Robots;

/// <summary>
/// The rules that apply to one crawler: the merged groups naming its product token, else the merged <c>*</c>
/// groups, else none. Pure.
/// </summary>
/// <param name="Rules">The applicable rules.</param>
/// <param name="CrawlDelay">The applicable <c>Crawl-delay</c>, if any group gave one.</param>
public sealed record RobotsRules(ImmutableArray<RobotsRule> Rules, TimeSpan? CrawlDelay)
{
    /// <summary>No rules: everything is allowed (a missing robots.txt, HTTP 4xx).</summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>Everything is disallowed (robots.txt unreachable: HTTP 5xx or a network error).</summary>
    public static RobotsRules DisallowAll { get; } = new([new RobotsRule(false, "/")], null);

    /// <summary>Decides <paramref name="pathAndQuery"/>: the longest matching rule wins, and Allow wins a tie.</summary>
    /// <param name="pathAndQuery">The URL's path and query as sent, e.g. <c>/tin-tuc/a1.html?page=2</c>.</param>
    /// <returns>The verdict with the deciding rule.</returns>
    public RobotsVerdict Evaluate(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        string path = RobotsMatcher.Normalize(pathAndQuery.Length == 0 ? "/" : pathAndQuery);

        // RFC 9309, 2.2.2: "The /robots.txt URI is implicitly allowed."
        if (path == "/robots.txt")
        {
            return RobotsVerdict.NoMatch;
        }

        RobotsRule? best = null;
        foreach (RobotsRule rule in Rules)
        {
            if (best is { } current && (rule.Specificity < current.Specificity || (rule.Specificity == current.Specificity && current.Allow)))
            {
                continue;
            }

            if (RobotsMatcher.Matches(rule.Pattern, path))
            {
                best = rule;
            }
        }

        return best is { } winner ? new RobotsVerdict(winner.Allow, winner) : RobotsVerdict.NoMatch;
    }
}
