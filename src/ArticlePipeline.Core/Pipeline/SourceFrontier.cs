using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// The frontier of one source in one pass, the same in local and cluster mode: every discovered URL goes through
/// <see cref="Admit"/> (filtered, limit, seen) and then <see cref="CrawlFrontier.Decide"/> on its stored state
/// (parked, backoff, revisit not due) before a request is made, or a work item is queued for one.
/// </summary>
/// <remarks>
/// Both modes use it in the same place: a discovery work item (<see cref="Work.WorkItemCrawler.DiscoverAsync"/>) queues
/// what is admitted, and the holder of the URL's host checks the stored state again when it takes the item (another
/// node may have fetched it meanwhile). Each skip is counted under one of <see cref="SkipReasons"/>, so the pass
/// summary, the metrics and the log say the same.
/// </remarks>
public sealed class SourceFrontier
{
    private readonly PatternBudget _patterns = new();
    private readonly CrawlPass _pass;
    private int _requested;

    /// <summary>Creates the frontier of <paramref name="source"/> for <paramref name="pass"/>.</summary>
    /// <param name="source">The source.</param>
    /// <param name="pass">The pass whose seen-set it claims URLs in.</param>
    public SourceFrontier(SourceDefinition source, CrawlPass pass)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pass);
        Source = source;
        _pass = pass;
    }

    /// <summary>The source.</summary>
    public SourceDefinition Source { get; }

    /// <summary>URLs counted against the source's <c>maxArticlesPerRun</c> so far.</summary>
    public int Requested => Volatile.Read(ref _requested);

    /// <summary>
    /// The checks that need no stored state, in order: one of the source's URLs (host, scheme, <c>excludePatterns</c>),
    /// under the source's <c>maxArticlesPerRun</c>, and not yet claimed for the source in this pass (its key under the
    /// source's trailing-slash and parameter rules). A URL that proceeds is claimed.
    /// </summary>
    /// <param name="url">A discovered URL.</param>
    /// <returns>Proceed, or skip as <see cref="SkipReasons.Filtered"/>, <see cref="SkipReasons.PatternTimeout"/>,
    /// <see cref="SkipReasons.Limit"/> or <see cref="SkipReasons.Seen"/>.</returns>
    public FrontierDecision Admit(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (CrawlFrontier.Check(url, Source, _patterns) is { Fetch: false } filtered)
        {
            return filtered;
        }

        if (Requested >= Source.MaxArticlesPerRun)
        {
            return FrontierDecision.Skip(SkipReasons.Limit, $"{url}: over maxArticlesPerRun {Source.MaxArticlesPerRun} of source '{Source.Id}'");
        }

        return _pass.TryClaim(CrawlFrontier.Key(url, Source), Source.Id)
            ? FrontierDecision.Proceed
            : FrontierDecision.Skip(SkipReasons.Seen, $"{url}: already taken for source '{Source.Id}' in this pass");
    }

    /// <summary>Counts one URL against the source's <c>maxArticlesPerRun</c> (a request was made, or a work item queued).</summary>
    public void CountRequested() => Interlocked.Increment(ref _requested);

    /// <summary>The source's pattern problems of the pass (an <c>excludePatterns</c> entry that timed out), to report.</summary>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Problems() => _patterns.Problems("excludePatterns");
}
