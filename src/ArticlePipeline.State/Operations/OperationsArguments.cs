using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.State.Operations;

/// <summary>Checks and small pure helpers both stores share for the operations tables.</summary>
internal static class OperationsArguments
{
    /// <summary>Runs kept per source; older ones are deleted as new ones arrive.</summary>
    public const int RunsKeptPerSource = 100;

    /// <summary>
    /// Matches of a search up to which they are sorted by written time; past it, walking the written order and
    /// testing each record until the page is full is faster than sorting them all.
    /// </summary>
    public const int SortedMatchesLimit = 5000;

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

    /// <summary>
    /// The <c>WHERE</c> clause of a catalog query with only the conditions asked for, so the planner can use the
    /// written-order index (no filter) or the per-source index (a source) instead of scanning.
    /// </summary>
    /// <param name="source">Whether a source id is given (<c>source</c> parameter).</param>
    /// <param name="text">Whether a search text is given (the <c>pattern</c> parameter).</param>
    /// <param name="prefix">The parameter prefix (<c>$</c> or <c>@</c>).</param>
    /// <param name="like">The matching operator (<c>LIKE</c> or <c>ILIKE</c>).</param>
    /// <param name="escape">The <c>ESCAPE</c> clause, when the provider needs one.</param>
    public static string RecordFilter(bool source, bool text, string prefix, string like, string escape)
    {
        var conditions = new List<string>(2);
        if (source)
        {
            conditions.Add($"source_id = {prefix}source");
        }

        if (text)
        {
            conditions.Add($"(title {like} {prefix}pattern{escape} OR url {like} {prefix}pattern{escape})");
        }

        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>Records per reason and language, from records counted per reason and language list.</summary>
    public static IReadOnlyList<PendingLanguageCount> PendingCounts(IEnumerable<(string Reason, IEnumerable<string> Languages, long Records)> groups) =>
        [.. groups
            .SelectMany(static g => g.Languages.Distinct(StringComparer.Ordinal).Select(l => (g.Reason, Language: l, g.Records)))
            .GroupBy(static c => (c.Reason, c.Language))
            .Select(static g => new PendingLanguageCount(g.Key.Reason, g.Key.Language, g.Sum(static c => c.Records)))
            .OrderBy(static c => c.Reason, StringComparer.Ordinal)
            .ThenBy(static c => c.Language, StringComparer.Ordinal)];

    /// <summary>Groups live leases by worker: items held, their hosts, the latest expiry.</summary>
    public static IReadOnlyList<WorkerClaim> Claims(
        IEnumerable<(string Owner, string Url, DateTimeOffset Expires)> held,
        IEnumerable<(string Owner, string Host, DateTimeOffset Expires)>? hostLeases = null)
    {
        // A worker holds the hosts it leased (cluster mode) and the hosts of the items it has claimed.
        var items = held.Select(static h => (h.Owner, Host: Uri.TryCreate(h.Url, UriKind.Absolute, out Uri? url) ? url.Authority : h.Url, h.Expires, Item: 1));
        var leases = (hostLeases ?? []).Select(static l => (l.Owner, l.Host, l.Expires, Item: 0));
        return [.. items.Concat(leases)
            .GroupBy(static h => h.Owner, StringComparer.Ordinal)
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(static g => new WorkerClaim(
                g.Key,
                g.Sum(static h => h.Item),
                [.. g.Select(static h => h.Host).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)],
                g.Max(static h => h.Expires)))];
    }
}
