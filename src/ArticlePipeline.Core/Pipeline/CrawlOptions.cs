using System.ComponentModel.DataAnnotations;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Configuration section <c>Crawl</c>: how a pass treats URLs that keep failing, and what one source's discovery may take.</summary>
public sealed class CrawlOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Crawl";

    private string? _parsedSchedule;
    private TimeSpan[] _intervals = [];

    /// <summary>
    /// When a known article is checked again with a conditional GET: the first revisit this long after its first
    /// fetch, each next one the next interval after the previous check, and none once the list is used up (until
    /// <c>rerun URL</c>). Intervals are a number and a unit (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, <c>w</c>), separated
    /// by commas, <c>xN</c> repeats one; empty means never.
    /// </summary>
    /// <value><c>1h, 6h, 24h, 3d, 1w x4</c>: within the first five weeks, 8 checks.</value>
    [RevisitSchedule]
    public string RevisitSchedule { get; set; } = "1h, 6h, 24h, 3d, 1w x4";

    /// <summary><see cref="RevisitSchedule"/> parsed (empty when it does not parse; start-up validation refuses that).</summary>
    public IReadOnlyList<TimeSpan> RevisitIntervals
    {
        get
        {
            string text = RevisitSchedule;
            if (!ReferenceEquals(Volatile.Read(ref _parsedSchedule), text))
            {
                _intervals = CrawlFrontier.TryParseSchedule(text, out TimeSpan[] intervals, out _) ? intervals : [];
                Volatile.Write(ref _parsedSchedule, text);
            }

            return _intervals;
        }
    }

    /// <summary>Hosts (<c>host:port</c>) worked on at once by one local pass; each host's articles go newest first at its connections.</summary>
    /// <value>4.</value>
    [Range(1, 64)]
    public int MaxParallelSources { get; set; } = 4;

    /// <summary>Consecutive failures after which a URL is parked (reported, and not tried again by crawls).</summary>
    /// <value>5.</value>
    [Range(1, 1000)]
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <summary>Wait before a failed URL is tried again, in minutes; it doubles with each further failure.</summary>
    /// <value>15.</value>
    [Range(0, 100000)]
    public double FailureBackoffMinutes { get; set; } = 15;

    /// <summary>The longest wait between two tries of a failing URL, in hours.</summary>
    /// <value>24.</value>
    [Range(0, 10000)]
    public double MaxFailureBackoffHours { get; set; } = 24;

    /// <summary>
    /// Most article URLs one source's discovery keeps per pass. Feeds and sitemaps are read as a stream and only this many
    /// links are held: the newest by <c>lastmod</c>, <c>pubDate</c>, <c>published</c> or news publication date, undated
    /// links after dated ones. What is cut is reported as a problem of the source.
    /// </summary>
    /// <value>50,000.</value>
    [Range(1, 1_000_000)]
    public int MaxDiscoveredPerSource { get; set; } = 50_000;

    /// <summary>
    /// Most bytes one source's discovery reads per pass: feeds, sitemaps (after gzip decompression), the home page and
    /// listing pages. Once spent, the remaining documents are not fetched and the source reports it. Each sitemap is
    /// also capped at the protocol's 50 MiB uncompressed.
    /// </summary>
    /// <value>256 MiB.</value>
    [Range(1L * 1024 * 1024, 8L * 1024 * 1024 * 1024)]
    public long MaxDiscoveryBytesPerSource { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How long, in seconds, an article of a pass waits for others to share one Translator request: the articles
    /// of a pass are sent together when this much time has passed since the first of them, when
    /// <see cref="TranslationBatchArticles"/> are waiting, or when the pass has fetched everything; 0 sends each
    /// article on its own. Each record is written as soon as its own translations are back.
    /// </summary>
    [Range(0, 60)]
    public double TranslationWindowSeconds { get; set; } = 2;

    /// <summary>The most articles sent together; the translator still splits them by its service's request limits.</summary>
    [Range(1, 1000)]
    public int TranslationBatchArticles { get; set; } = 50;
}
