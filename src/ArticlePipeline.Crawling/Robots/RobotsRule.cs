namespace ArticlePipeline.Crawling.Robots;

/// <summary>One <c>Allow</c> or <c>Disallow</c> line of a robots.txt group.</summary>
/// <param name="Allow">Whether the line allows (<see langword="true"/>) or disallows the paths it matches.</param>
/// <param name="Pattern">
/// The path pattern, percent-encoding normalized (<see cref="RobotsMatcher.Normalize"/>): <c>*</c> matches any
/// characters and a final <c>$</c> anchors the end of the path.
/// </param>
public readonly record struct RobotsRule(bool Allow, string Pattern)
{
    /// <summary>The rule's priority: longer patterns (in octets) are more specific and win (RFC 9309, 2.2.2).</summary>
    public int Specificity => Pattern.Length;

    /// <inheritdoc />
    public override string ToString() => (Allow ? "Allow: " : "Disallow: ") + Pattern;
}
