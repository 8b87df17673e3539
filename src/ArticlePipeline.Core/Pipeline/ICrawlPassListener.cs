using ArticlePipeline.Core.Work;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// Hears a local pass's counts as they happen, as a cluster worker reports them: each source's discovery when it ends
/// (URLs found, those not queued by reason), and each article skipped afterwards. Article outcomes go to the pass's
/// progress; the pass's <see cref="CrawlSummary"/> still has every count at its end.
/// </summary>
public interface ICrawlPassListener
{
    /// <summary>A source's discovery ended.</summary>
    /// <param name="discovery">Its counts.</param>
    void Discovered(SourceDiscoveryRun discovery);

    /// <summary>A queued article was skipped (a duplicate found once fetched, or left unstarted by a stopping pass).</summary>
    /// <param name="reason">One of <see cref="SkipReasons"/>.</param>
    void Skipped(string reason);
}
