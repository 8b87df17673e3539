using System.Collections.Immutable;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// Keeps the newest <see cref="Capacity"/> links of a stream, in memory proportional to the capacity, not to the
/// stream: a min-heap whose top is the link to give up first (undated before dated, then the oldest date, then the
/// one seen last). Links that canonicalize alike are kept once. Pure.
/// </summary>
internal sealed class NewestLinks
{
    private readonly PriorityQueue<Kept, Rank> _heap = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _modified = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Creates an empty set holding at most <paramref name="capacity"/> links.</summary>
    public NewestLinks(int capacity) => Capacity = Math.Max(1, capacity);

    /// <summary>The most links kept.</summary>
    public int Capacity { get; }

    /// <summary>Links given up because newer ones filled the capacity (a duplicate older than every kept link included).</summary>
    public long Cut { get; private set; }

    /// <summary>Links offered, duplicates included.</summary>
    public long Offered { get; private set; }

    /// <summary>Links kept now.</summary>
    public int Count => _heap.Count;

    /// <summary>Offers a link; it is kept if it is new and newer than the oldest kept link, which it then replaces.</summary>
    public void Add(DiscoveredLink link)
    {
        Offered++;
        var rank = new Rank(link.Date is not null, link.Date?.UtcTicks ?? 0, -_sequence++);
        bool full = _heap.Count >= Capacity;
        if (full && _heap.TryPeek(out _, out Rank lowest) && rank.CompareTo(lowest) <= 0)
        {
            // Older than everything kept: given up before the cost of canonicalizing it (most links of a long stream).
            Cut++;
            return;
        }

        // Compared as strings: Uri's own equality re-parses its parts on every comparison.
        string key = UrlCanonicalizer.Canonicalize(link.Url).AbsoluteUri;
        if (link.Modified is { } modified && (!_modified.TryGetValue(key, out DateTimeOffset known) || modified > known))
        {
            // The latest change any document lists for the page, whichever document listed it first.
            _modified[key] = modified;
        }

        if (!_keys.Add(key))
        {
            return;
        }

        if (full)
        {
            Kept dropped = _heap.Dequeue();
            _keys.Remove(dropped.Key);
            _modified.Remove(dropped.Key);
            Cut++;
        }

        _heap.Enqueue(new Kept(link.Url, key, rank), rank);
    }

    /// <summary>
    /// Forgets the modification dates between <paramref name="from"/> and <paramref name="to"/>: a document that stamps
    /// every entry with the moment it was generated says nothing of which page changed.
    /// </summary>
    public void ForgetModified(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (string key in _modified.Where(p => p.Value >= from && p.Value <= to).Select(p => p.Key).ToList())
        {
            _modified.Remove(key);
        }
    }

    /// <summary>
    /// The latest modification date the documents listed for each kept link that has one, by the link's URL as
    /// <see cref="Uri.AbsoluteUri"/> (fragment included; the latest date when two kept links share it).
    /// </summary>
    public ImmutableDictionary<string, DateTimeOffset> Modified()
    {
        var dates = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach ((Kept kept, Rank _) in _heap.UnorderedItems)
        {
            if (_modified.TryGetValue(kept.Key, out DateTimeOffset date) &&
                (!dates.TryGetValue(kept.Url.AbsoluteUri, out DateTimeOffset known) || date > known))
            {
                dates[kept.Url.AbsoluteUri] = date;
            }
        }

        return dates.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether a link dated <paramref name="date"/> could be kept, asked before its URL is even built; a link that
    /// could not is counted as offered and cut.
    /// </summary>
    public bool Wants(DateTimeOffset? date)
    {
        if (_heap.Count < Capacity || !_heap.TryPeek(out _, out Rank lowest) ||
            new Rank(date is not null, date?.UtcTicks ?? 0, -_sequence).CompareTo(lowest) > 0)
        {
            return true;
        }

        _sequence++;
        Offered++;
        Cut++;
        return false;
    }

    /// <summary>Whether a link canonicalizing like <paramref name="url"/> is kept.</summary>
    public bool Contains(Uri url) => _keys.Contains(UrlCanonicalizer.Canonicalize(url).AbsoluteUri);

    /// <summary>The kept links: dated newest first, then undated in the order they were seen.</summary>
    public IEnumerable<Uri> NewestFirst() =>
        _heap.UnorderedItems.OrderByDescending(item => item.Priority).Select(item => item.Element.Url);

    private readonly record struct Kept(Uri Url, string Key, Rank Rank);

    /// <summary>Higher is kept longer: dated over undated, then newer, then seen earlier.</summary>
    private readonly record struct Rank(bool Dated, long Ticks, long Order) : IComparable<Rank>
    {
        public int CompareTo(Rank other)
        {
            int byDated = Dated.CompareTo(other.Dated);
            if (byDated != 0)
            {
                return byDated;
            }

            int byDate = Ticks.CompareTo(other.Ticks);
            return byDate != 0 ? byDate : Order.CompareTo(other.Order);
        }
    }
}
