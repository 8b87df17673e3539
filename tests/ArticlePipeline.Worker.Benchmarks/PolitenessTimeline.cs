using System.Globalization;
using System.Text;
using ArticlePipeline.Testing.NewsSite;

/// <summary>
/// Where the time of one politeness run went, from the sites' own logs and the workers' host lease lines: when the
/// first request and the first article request arrived, each host's spacing against its interval (and how much of
/// the excess is the previous response's duration, which the fetcher waits out before the interval starts), the hosts
/// each worker held over time, and each worker's CPU seconds.
/// </summary>
internal sealed class PolitenessTimeline
{
    private readonly DateTimeOffset _start;
    private readonly double _interval;
    private readonly List<HostLine> _hosts = [];
    private readonly List<(string Node, string Host, double From, double To)> _holdings = [];

    public PolitenessTimeline(DateTimeOffset start, double interval)
    {
        _start = start;
        _interval = interval;
    }

    /// <summary>Seconds from process start to the first request any site saw.</summary>
    public double FirstRequest => _hosts.Min(h => h.First);

    /// <summary>Seconds from process start to the first article request any site saw.</summary>
    public double FirstArticle => _hosts.Min(h => h.FirstArticle);

    /// <summary>
    /// Each host's span from its first request (robots.txt) to its last article request, median and largest: the
    /// host-paced part of the run, without process start-up, the cron's first firing and a later host's late start.
    /// </summary>
    public (double Median, double Max) HostSpans => (Median(_hosts.Select(h => h.LastArticle - h.First)), _hosts.Max(h => h.LastArticle - h.First));

    /// <summary>Adds one site's log.</summary>
    public void AddSite(string authority, IReadOnlyCollection<LoggedRequest> requests)
    {
        LoggedRequest[] log = [.. requests.OrderBy(r => r.At)];
        double excess = 0, responseShare = 0, largest = 0, largestAt = 0;
        int late = 0;
        for (int i = 1; i < log.Length; i++)
        {
            double gap = Since(log[i].At) - Since(log[i - 1].At);
            double over = gap - _interval;
            if (over <= 0.005)
            {
                continue;
            }

            excess += over;
            double previous = log[i - 1].Completed is { } done ? (done - log[i - 1].At).TotalSeconds : 0;
            responseShare += Math.Min(over, previous);
            late++;
            if (over > largest)
            {
                largest = over;
                largestAt = Since(log[i - 1].At);
            }
        }

        double[] durations = [.. log.Where(r => r.Completed is not null).Select(r => (r.Completed!.Value - r.At).TotalSeconds).Order()];
        _hosts.Add(new HostLine(
            authority,
            log.Length,
            log.Count(r => !r.Path.Contains("/tin-tuc/", StringComparison.Ordinal)),
            Since(log[0].At),
            log.Where(r => r.Path.Contains("/tin-tuc/", StringComparison.Ordinal)).Select(r => Since(r.At)).DefaultIfEmpty(double.NaN).Min(),
            Since(log[^1].At),
            log.Where(r => r.Path.Contains("/tin-tuc/", StringComparison.Ordinal)).Select(r => Since(r.At)).DefaultIfEmpty(double.NaN).Max(),
            excess,
            responseShare,
            late,
            largest,
            largestAt,
            durations.Length == 0 ? 0 : durations[durations.Length / 2]));
    }

    /// <summary>Adds one worker's host lease lines (<c>host H: leased</c> / <c>taken over</c> / <c>released after</c>).</summary>
    public void AddWorker(string node, IEnumerable<string> logLines, double end)
    {
        var open = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in logLines.Where(l => l.Contains(" host ", StringComparison.Ordinal)))
        {
            string[] words = line.Split(" host ", 2)[1].Split(": ", 2);
            if (words.Length < 2 || !DateTimeOffset.TryParse(line.Split(' ')[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
            {
                continue;
            }

            if (words[1].StartsWith("leased", StringComparison.Ordinal) || words[1].StartsWith("taken over", StringComparison.Ordinal))
            {
                open[words[0]] = Since(at);
            }
            else if (words[1].StartsWith("released", StringComparison.Ordinal) && open.Remove(words[0], out double from))
            {
                _holdings.Add((node, words[0], from, Since(at)));
            }
        }

        foreach ((string host, double from) in open)
        {
            _holdings.Add((node, host, from, end));
        }
    }

    /// <summary>The report: hosts' spacing, their holders, and the hosts each node held every few seconds.</summary>
    public string Describe(double end, double bucket)
    {
        var text = new StringBuilder();
        HostLine[] hosts = [.. _hosts.OrderBy(h => h.First)];
        text.AppendLine(Invariant($"    hosts (s from process start): first request {hosts.Min(h => h.First):F1}-{hosts.Max(h => h.First):F1}, first article {hosts.Min(h => h.FirstArticle):F1}-{hosts.Max(h => h.FirstArticle):F1}, last request {hosts.Min(h => h.Last):F1}-{hosts.Max(h => h.Last):F1}; median response {Median(hosts.Select(h => h.MedianResponse)) * 1000:F0} ms"));
        text.AppendLine(Invariant($"    time beyond the {_interval:F2} s interval between a host's requests: {hosts.Sum(h => h.Excess):F1} s over all hosts (of which previous response still running {hosts.Sum(h => h.ResponseShare):F1} s), per host median {Median(hosts.Select(h => h.Excess)):F2} s, max {hosts.Max(h => h.Excess):F2} s"));
        foreach (HostLine host in hosts)
        {
            string holders = string.Join(" ", _holdings.Where(h => h.Host == host.Authority).OrderBy(h => h.From).Select(h => Invariant($"{h.Node}[{h.From:F1}-{h.To:F1}]")));
            text.AppendLine(Invariant($"      {host.Authority}: {host.Requests} req ({host.NotArticles} robots/discovery), first {host.First:F1}, first article {host.FirstArticle:F1}, last {host.Last:F1}; {host.Late} gaps over interval, +{host.Excess:F2} s (response {host.ResponseShare:F2} s), largest +{host.LargestExcess:F2} s after {host.LargestAt:F1}; held by {holders}"));
        }

        string[] nodes = [.. _holdings.Select(h => h.Node).Distinct().Order(StringComparer.Ordinal)];
        text.Append(Invariant($"    hosts held per node every {bucket:F0} s:"));
        for (double t = 0; t < end; t += bucket)
        {
            double at = t;
            text.Append(Invariant($" {at:F0}s:"));
            text.AppendJoin('/', nodes.Select(n => _holdings.Count(h => h.Node == n && h.From <= at && h.To > at).ToString(CultureInfo.InvariantCulture)));
        }

        text.AppendLine().Append(Invariant($"    host leases taken per node: {string.Join(", ", nodes.Select(n => $"{n} {_holdings.Count(h => h.Node == n)}"))}"));
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private double Since(DateTimeOffset at) => (at - _start).TotalSeconds;

    private sealed record HostLine(
        string Authority,
        int Requests,
        int NotArticles,
        double First,
        double FirstArticle,
        double Last,
        double LastArticle,
        double Excess,
        double ResponseShare,
        int Late,
        double LargestExcess,
        double LargestAt,
        double MedianResponse);
}
