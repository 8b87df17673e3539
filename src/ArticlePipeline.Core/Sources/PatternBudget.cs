using System.Collections.Concurrent;
using System.Globalization;

namespace ArticlePipeline.Core.Sources;

/// <summary>
/// The timeouts of a source's patterns within one pass: each match that times out is counted, and a pattern that timed
/// out <see cref="SourcePattern.MaxTimeoutsPerPass"/> times is not evaluated again in that pass (its answer is "timed
/// out" at once), so a page of hostile URLs costs at most a few match timeouts. Thread-safe.
/// </summary>
public sealed class PatternBudget
{
    private readonly ConcurrentDictionary<string, int> _timeouts = new(StringComparer.Ordinal);

    /// <summary>Whether any pattern timed out.</summary>
    public bool Any => !_timeouts.IsEmpty;

    /// <summary>Whether <paramref name="input"/> matches <paramref name="pattern"/>.</summary>
    /// <param name="pattern">A source pattern.</param>
    /// <param name="input">A URL.</param>
    /// <returns>The answer, or <see langword="null"/> when the match timed out or the pattern is exhausted.</returns>
    public bool? Matches(SourcePattern pattern, string input)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (_timeouts.TryGetValue(pattern.Text, out int count) && count >= SourcePattern.MaxTimeoutsPerPass)
        {
            _timeouts.AddOrUpdate(pattern.Text, 1, static (_, n) => n + 1);
            return null;
        }

        bool? matches = pattern.Matches(input);
        if (matches is null)
        {
            _timeouts.AddOrUpdate(pattern.Text, 1, static (_, n) => n + 1);
        }

        return matches;
    }

    /// <summary>One line per pattern that timed out, for the pass summary.</summary>
    /// <param name="field">The sources-file field that holds the patterns, e.g. <c>excludePatterns</c>.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Problems(string field) =>
        _timeouts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"{field} '{p.Key}' timed out (over {SourcePattern.MatchTimeout.TotalMilliseconds:0} ms a match) on {p.Value} URL(s), which were not taken{(p.Value > SourcePattern.MaxTimeoutsPerPass ? $" (after {SourcePattern.MaxTimeoutsPerPass} timeouts it was no longer tried in this pass)" : string.Empty)}; rewrite it without nested repetition"));
}
