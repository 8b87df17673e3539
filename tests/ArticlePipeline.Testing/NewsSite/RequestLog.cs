namespace ArticlePipeline.Testing.NewsSite;

/// <summary>Figures computed from a site's own request log: how hard a client actually asked it.</summary>
public static class RequestLog
{
    /// <summary>The smallest gap between the arrivals of two consecutive requests (<see cref="TimeSpan.MaxValue"/> for fewer than two).</summary>
    public static TimeSpan MinimumGap(IEnumerable<LoggedRequest> requests)
    {
        List<DateTimeOffset> arrivals = requests.Select(r => r.At).Order().ToList();
        TimeSpan minimum = TimeSpan.MaxValue;
        for (int i = 1; i < arrivals.Count; i++)
        {
            TimeSpan gap = arrivals[i] - arrivals[i - 1];
            if (gap < minimum)
            {
                minimum = gap;
            }
        }

        return minimum;
    }

    /// <summary>
    /// The most requests ever in flight at once, from arrival and completion times (a request still running
    /// counts as running to the end).
    /// </summary>
    public static int MaximumInFlight(IEnumerable<LoggedRequest> requests)
    {
        var events = new List<(DateTimeOffset At, int Change)>();
        foreach (LoggedRequest request in requests)
        {
            events.Add((request.At, +1));
            events.Add((request.Completed ?? DateTimeOffset.MaxValue, -1));
        }

        int current = 0, maximum = 0;

        // At equal times an end comes before a start: back-to-back requests do not overlap.
        foreach ((_, int change) in events.OrderBy(e => e.At).ThenBy(e => e.Change))
        {
            current += change;
            maximum = Math.Max(maximum, current);
        }

        return maximum;
    }

    /// <summary>The most requests that arrived within any window of length <paramref name="window"/>.</summary>
    public static int MaximumInWindow(IEnumerable<LoggedRequest> requests, TimeSpan window)
    {
        List<DateTimeOffset> arrivals = requests.Select(r => r.At).Order().ToList();
        int maximum = 0;
        for (int start = 0, end = 0; end < arrivals.Count; end++)
        {
            while (arrivals[end] - arrivals[start] >= window)
            {
                start++;
            }

            maximum = Math.Max(maximum, end - start + 1);
        }

        return maximum;
    }
}
