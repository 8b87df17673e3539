using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Core.Sources;

/// <summary>
/// An operator's regular expression from the sources file (<c>articlePattern</c>, <c>nextPagePattern</c>,
/// <c>excludePatterns</c>), compiled so that a hostile URL cannot stall a pass.
/// </summary>
/// <remarks>
/// A pattern runs on .NET's linear-time engine (<see cref="RegexOptions.NonBacktracking"/>) when it can: then
/// <c>(\w+-?)+-a\d+\.html$</c> against a 50,000-character URL costs microseconds instead of exponential time. A pattern
/// that needs backtracking (look-arounds, back-references, atomic groups) runs on the backtracking engine with
/// <see cref="MatchTimeout"/>; a match that times out is a value (<see langword="null"/>), which callers report as a
/// problem of the source while the pass goes on. Whether a URL matches is the same on both engines.
/// </remarks>
public sealed class SourcePattern
{
    /// <summary>How long one match of a backtracking pattern may take before it counts as timed out.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Timeouts of one pattern within one source's pass after which it is no longer evaluated in that pass.</summary>
    public const int MaxTimeoutsPerPass = 5;

    private static readonly ConcurrentDictionary<string, SourcePattern> Compiled = new(StringComparer.Ordinal);

    private SourcePattern(string text, Regex regex)
    {
        Text = text;
        Regex = regex;
    }

    /// <summary>The pattern as written in the sources file.</summary>
    public string Text { get; }

    /// <summary>The compiled expression.</summary>
    public Regex Regex { get; }

    /// <summary>Whether the pattern runs in linear time (it cannot time out).</summary>
    public bool IsLinear => (Regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>The compiled form of <paramref name="pattern"/> (cached: a sources file has few patterns).</summary>
    /// <param name="pattern">A pattern that <see cref="SourceCatalogLoader"/> accepted.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentException">The pattern is not a regular expression.</exception>
    public static SourcePattern Get(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Compiled.GetOrAdd(pattern, static text =>
        {
            try
            {
                return new SourcePattern(text, new Regex(text, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout));
            }
            catch (NotSupportedException)
            {
                // Look-arounds, back-references, atomic groups: only the backtracking engine has them.
                return new SourcePattern(text, new Regex(text, RegexOptions.CultureInvariant, MatchTimeout));
            }
        });
    }

    /// <summary>Whether <paramref name="input"/> matches.</summary>
    /// <param name="input">A URL.</param>
    /// <returns>The answer, or <see langword="null"/> when the match took longer than <see cref="MatchTimeout"/>.</returns>
    public bool? Matches(string input)
    {
        try
        {
            return Regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
