using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// The frontier's decisions, as pure functions (like Abot's crawl decision maker, each with a reason): which key a
/// URL has, whether it belongs to its source, whether its stored state lets it be fetched now, and what a failure
/// does to that state (exponential backoff, then parking).
/// </summary>
public static class CrawlFrontier
{
    /// <summary>The least time between two checks of a page its listing says changed, when the revisit schedule is empty.</summary>
    public static readonly TimeSpan ListedRecheckGap = TimeSpan.FromHours(1);

    /// <summary>How far ahead of the clock a listed modification date may be and still be believed: servers' clocks differ.</summary>
    public static readonly TimeSpan ListedDateSkew = TimeSpan.FromMinutes(5);

    /// <summary>The key of <paramref name="url"/> in the seen-set and the state store.</summary>
    /// <param name="url">A URL.</param>
    /// <param name="source">Its source (for the trailing-slash policy and <c>stripParameters</c>), if any.</param>
    /// <returns>The canonical URL under the source's rules (by default the same as <see cref="UrlCanonicalizer.Canonicalize(Uri)"/>).</returns>
    public static Uri Key(Uri url, SourceDefinition? source) =>
        UrlCanonicalizer.Canonicalize(url, TrailingSlashOf(source), StripParametersOf(source));

    /// <summary>The query parameters <paramref name="source"/> says never tell its pages apart.</summary>
    /// <param name="source">The source, if any.</param>
    /// <returns>Its <c>stripParameters</c>, or <see langword="null"/> when it names none.</returns>
    public static IReadOnlyCollection<string>? StripParametersOf(SourceDefinition? source) =>
        source is { StripParameters.Count: > 0 } ? source.StripParameters as IReadOnlyCollection<string> ?? [.. source.StripParameters] : null;

    /// <summary>The source's trailing-slash policy.</summary>
    /// <param name="source">The source, if any.</param>
    /// <returns><see cref="TrailingSlashPolicy.Strip"/> when it says <c>strip</c>, else <see cref="TrailingSlashPolicy.Keep"/>.</returns>
    public static TrailingSlashPolicy TrailingSlashOf(SourceDefinition? source) =>
        string.Equals(source?.TrailingSlash, "strip", StringComparison.OrdinalIgnoreCase) ? TrailingSlashPolicy.Strip : TrailingSlashPolicy.Keep;

    /// <summary>
    /// Why <paramref name="url"/> is not one of <paramref name="source"/>'s articles, or <see langword="null"/> when
    /// it is: it must be http(s) (file only for a file source), on a host the source's configuration names or a
    /// subdomain of one (<c>www.</c> aside), and match none of its <c>excludePatterns</c> (a pattern that times out
    /// on it excludes it too).
    /// </summary>
    /// <param name="url">A discovered URL.</param>
    /// <param name="source">Its source.</param>
    /// <returns>The reason it is filtered out, or <see langword="null"/>.</returns>
    public static string? Filter(Uri url, SourceDefinition source) => Check(url, source).Detail;

    /// <summary>
    /// Whether <paramref name="url"/> is one of <paramref name="source"/>'s articles (see <see cref="Filter"/>): proceed,
    /// or skip as <see cref="SkipReasons.Filtered"/>, or as <see cref="SkipReasons.PatternTimeout"/> when one of its
    /// <c>excludePatterns</c> timed out on the URL (the URL is not crawled: it might be excluded).
    /// </summary>
    /// <param name="url">A discovered URL.</param>
    /// <param name="source">Its source.</param>
    /// <param name="budget">The pass's pattern timeouts for this source; a fresh one when <see langword="null"/>.</param>
    /// <returns>The decision, with its reason.</returns>
    public static FrontierDecision Check(Uri url, SourceDefinition source, PatternBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(source);
        List<Uri> configured = ConfiguredUrls(source);
        if (url.IsFile)
        {
            return configured.Any(u => u.IsFile)
                ? Excluded(url, source, budget ?? new PatternBudget())
                : FrontierDecision.Skip(SkipReasons.Filtered, $"{url}: a file URL in a web source");
        }

        if (url.Scheme is not ("http" or "https"))
        {
            return FrontierDecision.Skip(SkipReasons.Filtered, $"{url}: only http and https URLs are crawled");
        }

        string host = StripWww(url.Host);
        bool sameSite = configured.Count == 0 || configured.Any(u => !u.IsFile &&
            (string.Equals(StripWww(u.Host), host, StringComparison.OrdinalIgnoreCase) ||
             host.EndsWith("." + StripWww(u.Host), StringComparison.OrdinalIgnoreCase)));
        return sameSite
            ? Excluded(url, source, budget ?? new PatternBudget())
            : FrontierDecision.Skip(SkipReasons.Filtered, $"{url}: {url.Host} is not a host of source '{source.Id}'");
    }

    /// <summary>
    /// Whether a URL with stored state <paramref name="state"/> may be fetched at <paramref name="now"/>: a new URL is;
    /// a parked one is not; a failing one after its backoff; and, when <paramref name="options"/> are given (a crawl
    /// pass), a known one when its revisit is due (<see cref="CrawlOptions.RevisitSchedule"/>).
    /// </summary>
    /// <param name="state">Its stored state, or <see langword="null"/> for a new URL.</param>
    /// <param name="now">The current time.</param>
    /// <param name="options">The crawl policy whose revisit schedule applies; <see langword="null"/> checks failures only.</param>
    /// <param name="listedModified">
    /// When the feed or sitemap that listed the URL says the page last changed (<see cref="DiscoveryResult.Modified"/>):
    /// a known page listed as changed after its last check is checked now, whatever its revisit schedule says, even
    /// after the schedule's end ("never, unless listed again"). A date more than <see cref="ListedDateSkew"/> ahead of
    /// <paramref name="now"/> is not believed (a site stamping local time as UTC), until <paramref name="now"/> reaches it.
    /// </param>
    /// <returns>Fetch, or skip as <see cref="SkipReasons.Parked"/>, <see cref="SkipReasons.Backoff"/> or <see cref="SkipReasons.NotDue"/>.</returns>
    public static FrontierDecision Decide(PageState? state, DateTimeOffset now, CrawlOptions? options = null, DateTimeOffset? listedModified = null)
    {
        if (state is null)
        {
            return FrontierDecision.Proceed;
        }

        if (state.Parked)
        {
            return FrontierDecision.Skip(
                SkipReasons.Parked,
                $"{state.Url}: parked after {state.ConsecutiveFailures} consecutive failures (last: {state.LastOutcome}); 'rerun' it to try again");
        }

        if (state.NextAttemptAt is { } next && next > now)
        {
            return FrontierDecision.Skip(
                SkipReasons.Backoff,
                string.Create(CultureInfo.InvariantCulture, $"{state.Url}: {state.ConsecutiveFailures} failure(s) (last: {state.LastOutcome}); next attempt after {next:u}"));
        }

        if (options is null || state.ConsecutiveFailures > 0 || state.ContentHash is null)
        {
            // Failing and past its backoff, or never fetched successfully: tried now.
            return FrontierDecision.Proceed;
        }

        IReadOnlyList<TimeSpan> schedule = options.RevisitIntervals;
        TimeSpan listedGap = schedule.Count > 0 ? schedule[0] : ListedRecheckGap;
        if (listedModified is { } modified && modified > state.UpdatedAt && modified <= now + ListedDateSkew && now - state.UpdatedAt >= listedGap)
        {
            // Listed again as changed since the last check: a correction or an update, checked now (a conditional GET),
            // but no sooner after the last check than the schedule's first interval, so a page whose listed date moves
            // all the time costs at most one conditional GET per interval.
            return FrontierDecision.Proceed;
        }

        if (state.Revisits >= schedule.Count)
        {
            return FrontierDecision.Skip(
                SkipReasons.NotDue,
                string.Create(CultureInfo.InvariantCulture, $"{state.Url}: revisited {state.Revisits} time(s), the whole schedule; 'rerun' it to check it again"));
        }

        DateTimeOffset due = RevisitDue(state, schedule);
        return due > now
            ? FrontierDecision.Skip(SkipReasons.NotDue, string.Create(CultureInfo.InvariantCulture, $"{state.Url}: revisit {state.Revisits + 1} due at {due:u}"))
            : FrontierDecision.Proceed;
    }

    /// <summary>When the next revisit of a known URL is due: the schedule's entry for its revisit count after its last check.</summary>
    /// <param name="state">Its stored state, with <see cref="PageState.Revisits"/> inside the schedule.</param>
    /// <param name="schedule">The intervals (<see cref="CrawlOptions.RevisitIntervals"/>).</param>
    /// <returns>The due time.</returns>
    public static DateTimeOffset RevisitDue(PageState state, IReadOnlyList<TimeSpan> schedule)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schedule);
        return state.UpdatedAt + schedule[Math.Clamp(state.Revisits, 0, schedule.Count - 1)];
    }

    /// <summary>
    /// Parses a revisit schedule: intervals separated by commas, each a number and a unit (<c>s</c>, <c>m</c>, <c>h</c>,
    /// <c>d</c>, <c>w</c>), optionally repeated with <c>xN</c>: <c>1h, 6h, 24h, 3d, 1w x4</c>. An empty text means never.
    /// </summary>
    /// <param name="text">The schedule.</param>
    /// <param name="intervals">The intervals, in order.</param>
    /// <param name="error">What is wrong, when it does not parse.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseSchedule(string? text, out TimeSpan[] intervals, out string? error)
    {
        var parsed = new List<TimeSpan>();
        intervals = [];
        error = null;
        foreach (string part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] words = part.Split('x', StringSplitOptions.TrimEntries);
            int times = 1;
            if (words.Length > 2 || (words.Length == 2 && (!int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out times) || times is < 1 or > 1000)))
            {
                error = $"'{part}': repeat an interval as '1w x4'";
                return false;
            }

            string interval = words[0];
            double unit = interval.Length == 0 ? 0 : char.ToLowerInvariant(interval[^1]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 7 * 86400,
                _ => 0,
            };
            if (unit == 0 || !double.TryParse(interval.AsSpan(0, interval.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double count) || !double.IsFinite(count) || count < 0 || count * unit > 10 * 365 * 86400.0)
            {
                error = $"'{part}': an interval is a number (0 or more) and a unit s, m, h, d or w, at most ten years (e.g. 6h)";
                return false;
            }

            parsed.AddRange(Enumerable.Repeat(TimeSpan.FromSeconds(count * unit), times));
        }

        intervals = [.. parsed];
        return true;
    }

    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure: base × 2^(n−1), capped.</summary>
    /// <param name="failures">Consecutive failures, at least 1.</param>
    /// <param name="options">The failure policy.</param>
    /// <returns>The wait.</returns>
    public static TimeSpan Backoff(int failures, CrawlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double minutes = options.FailureBackoffMinutes * Math.Pow(2, Math.Clamp(failures, 1, 60) - 1);
        return TimeSpan.FromMinutes(Math.Min(minutes, options.MaxFailureBackoffHours * 60));
    }

    /// <summary>
    /// The state after a failure: one more consecutive failure, the next attempt after <see cref="Backoff"/>, and
    /// parked once <see cref="CrawlOptions.MaxConsecutiveFailures"/> is reached. Validators, content hash and
    /// record path of the last success are kept.
    /// </summary>
    /// <param name="key">The URL's key.</param>
    /// <param name="previous">The state before, if any.</param>
    /// <param name="outcome">The failure to store.</param>
    /// <param name="now">The current time.</param>
    /// <param name="options">The failure policy.</param>
    /// <returns>The new state.</returns>
    public static PageState AfterFailure(Uri key, PageState? previous, PageOutcome outcome, DateTimeOffset now, CrawlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int failures = (previous?.ConsecutiveFailures ?? 0) + 1;
        return new PageState(
            key,
            previous?.Validators,
            previous?.ContentHash,
            previous?.RecordPath,
            outcome,
            failures,
            now,
            now + Backoff(failures, options),
            failures >= options.MaxConsecutiveFailures,
            previous?.Revisits ?? 0);
    }

    private static FrontierDecision Excluded(Uri url, SourceDefinition source, PatternBudget budget)
    {
        foreach (string pattern in source.ExcludePatterns)
        {
            switch (budget.Matches(SourcePattern.Get(pattern), url.AbsoluteUri))
            {
                case null:
                    return FrontierDecision.Skip(
                        SkipReasons.PatternTimeout,
                        $"{Shorten(url)}: excludePatterns '{pattern}' of source '{source.Id}' timed out on it; not crawled");
                case true:
                    return FrontierDecision.Skip(SkipReasons.Filtered, $"{url}: matches excludePatterns '{pattern}' of source '{source.Id}'");
            }
        }

        return FrontierDecision.Proceed;
    }

    // A hostile URL can be tens of kilobytes long; a reason names it, it does not repeat it.
    private static string Shorten(Uri url) =>
        url.AbsoluteUri.Length <= 200 ? url.AbsoluteUri : string.Concat(url.AbsoluteUri.AsSpan(0, 200), "…");

    /// <summary>The URLs <paramref name="source"/>'s configuration names: home page, feeds, sitemaps and listings.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Those that parse as absolute URLs.</returns>
    internal static List<Uri> ConfiguredUrls(SourceDefinition source) =>
        new[] { source.HomeUrl }
            .Concat(source.Feeds)
            .Concat(source.Sitemaps)
            .Concat(source.Listings.Select(l => l.Url))
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out Uri? url) ? url : null)
            .OfType<Uri>()
            .ToList();

    private static string StripWww(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
