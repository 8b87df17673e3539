namespace ArticlePipeline.Crawling.Robots;

/// <summary>Whether a path may be crawled, and the rule that decided it.</summary>
/// <param name="Allowed">Whether the crawler may fetch the path.</param>
/// <param name="Rule">The longest matching rule; <see langword="null"/> when none matched (allowed by default).</param>
public readonly record struct RobotsVerdict(bool Allowed, RobotsRule? Rule)
{
    /// <summary>Allowed because no rule matched.</summary>
    public static RobotsVerdict NoMatch => new(true, null);
}
