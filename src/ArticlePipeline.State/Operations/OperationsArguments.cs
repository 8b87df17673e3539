using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.State.Operations;

/// <summary>Checks and small pure helpers both stores share for the operations tables.</summary>
internal static class OperationsArguments
{
    /// <summary>Runs kept per source; older ones are deleted as new ones arrive.</summary>
    public const int RunsKeptPerSource = 100;

    /// <summary>Most catalog entries one query returns.</summary>
    public const int MaxLimit = 500;

    public static void Check(RecordRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (string.IsNullOrEmpty(revision.SourceId) || string.IsNullOrEmpty(revision.RecordId) || revision.Revision < 1)
        {
            throw new ArgumentException($"A record revision needs a source id, a record id and a revision of at least 1: {revision.SourceId}/{revision.RecordId}.", nameof(revision));
        }
    }

    public static void Check(SourceRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(run.SourceId, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Counts, nameof(run));
    }

    public static void CheckUsage(long billed, long saved)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(billed);
        ArgumentOutOfRangeException.ThrowIfNegative(saved);
    }

    public static void Check(RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxLimit, nameof(query));
    }

    /// <summary>The UTC day of <paramref name="at"/> as <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary><paramref name="day"/> as <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A <c>LIKE</c> pattern matching <paramref name="text"/> anywhere, its <c>%</c>, <c>_</c> and <c>\</c> taken literally.</summary>
    public static string LikePattern(string text)
    {
        var pattern = new StringBuilder(text.Length + 2).Append('%');
        foreach (char c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>Groups live leases by worker: items held, their hosts, the latest expiry.</summary>
    public static IReadOnlyList<WorkerClaim> Claims(IEnumerable<(string Owner, string Url, DateTimeOffset Expires)> held) =>
        [.. held
            .GroupBy(static h => h.Owner, StringComparer.Ordinal)
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(static g => new WorkerClaim(
                g.Key,
                g.Count(),
                [.. g.Select(static h => Uri.TryCreate(h.Url, UriKind.Absolute, out Uri? url) ? url.Authority : h.Url).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)],
                g.Max(static h => h.Expires)))];
}
