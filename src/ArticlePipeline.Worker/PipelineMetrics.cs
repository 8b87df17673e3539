using System.Diagnostics.Metrics;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Work;

namespace ArticlePipeline.Worker;

/// <summary>
/// The worker's metrics, on the <c>ArticlePipeline</c> meter (System.Diagnostics.Metrics; read them with
/// <c>dotnet-counters monitor -n article-pipeline --counters ArticlePipeline</c> or any OpenTelemetry exporter).
/// </summary>
public sealed class PipelineMetrics : ICrawlPassListener, IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ArticlePipeline";

    private readonly Meter _meter;
    private readonly Counter<long> _discovered;
    private readonly Counter<long> _articles;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _billed;
    private readonly Counter<long> _saved;
    private readonly Counter<long> _failedChecks;
    private readonly Counter<long> _failedLanguages;
    private readonly Counter<long> _leaseExpiries;
    private readonly Counter<long> _languages;
    private readonly Counter<long> _notBilled;
    private readonly Counter<long> _refusedEditions;
    private readonly Counter<long> _cspViolations;
    private long _queueDepth;

    /// <summary>Creates the instruments.</summary>
    public PipelineMetrics()
    {
        _meter = new Meter(MeterName);
        _discovered = _meter.CreateCounter<long>("articlepipeline.articles.discovered", "{article}", "Article URLs found by discovery");
        _articles = _meter.CreateCounter<long>("articlepipeline.articles.processed", "{article}", "Articles processed, tagged by outcome (written, unchanged, not-modified, failed)");
        _skipped = _meter.CreateCounter<long>("articlepipeline.articles.skipped", "{article}", "Article URLs skipped by the frontier, tagged by reason (filtered, limit, seen, parked, backoff, not-due, duplicate...)");
        _billed = _meter.CreateCounter<long>("articlepipeline.translation.characters_billed", "{character}", "Characters billed by the translator, tagged by language when the provider reports it");
        _failedChecks = _meter.CreateCounter<long>("articlepipeline.translation.checks_failed", "{answer}", "Translator answers that failed the answer checks, tagged by language");
        _failedLanguages = _meter.CreateCounter<long>("articlepipeline.translation.failed", "{translation}", "Article translations recorded as failed, tagged by language");
        _saved = _meter.CreateCounter<long>("articlepipeline.translation.characters_saved", "{character}", "Characters the translation memory saved");
        _languages = _meter.CreateCounter<long>("articlepipeline.languages.filled", "{language}", "Record languages filled, tagged by origin (publisher, mirror, machine)");
        _notBilled = _meter.CreateCounter<long>("articlepipeline.editions.characters_not_billed", "{character}", "Characters the publishers' and mirrors' editions kept from the translator");
        _refusedEditions = _meter.CreateCounter<long>("articlepipeline.editions.refused", "{edition}", "Editions refused as not a translation of their article, tagged by language");
        _leaseExpiries = _meter.CreateCounter<long>("articlepipeline.work.lease_expiries", "{lease}", "Work items taken over after another node's lease expired");
        _cspViolations = _meter.CreateCounter<long>("articlepipeline.http.csp_violations", "{report}", "Content-Security-Policy violations reported by browsers to the operator console");
        _meter.CreateObservableGauge("articlepipeline.work.queue_depth", () => Interlocked.Read(ref _queueDepth), "{item}", "Work items queued or leased");
    }

    /// <summary>Counts a source's discovery as it ends: the URLs it found, and those not queued by reason.</summary>
    /// <param name="discovery">The discovery's counts.</param>
    public void Discovered(SourceDiscoveryRun discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        _discovered.Add(discovery.Discovered);
        foreach ((string reason, int count) in discovery.Skipped)
        {
            Skipped(reason, count);
        }
    }

    /// <summary>Counts one article outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    public void Processed(ArticleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        string kind = outcome.Kind switch
        {
            ArticleOutcomeKind.Written => "written",
            ArticleOutcomeKind.Unchanged => "unchanged",
            ArticleOutcomeKind.NotModified => "not-modified",
            _ => "failed",
        };
        _articles.Add(1, new KeyValuePair<string, object?>("outcome", kind));
        if (outcome.Translation is { Count: > 0 } byLanguage)
        {
            foreach ((string language, Core.Model.LanguageTranslationStats stats) in byLanguage)
            {
                var tag = new KeyValuePair<string, object?>("language", language);
                _billed.Add(stats.BilledCharacters, tag);
                _failedChecks.Add(stats.FailedChecks, tag);
                _failedLanguages.Add(stats.Failed, tag);
            }
        }
        else
        {
            _billed.Add(outcome.BilledCharacters);
        }

        _saved.Add(outcome.SavedCharacters);
        Core.Editions.EditionStats editions = outcome.Editions;
        _languages.Add(editions.Publisher, new KeyValuePair<string, object?>("origin", "publisher"));
        _languages.Add(editions.Mirror, new KeyValuePair<string, object?>("origin", "mirror"));
        _languages.Add(editions.Machine, new KeyValuePair<string, object?>("origin", "machine"));
        _notBilled.Add(editions.CharactersNotBilled);
        foreach (Core.Editions.RejectedEdition refused in editions.Rejected)
        {
            _refusedEditions.Add(1, new KeyValuePair<string, object?>("language", refused.Language));
        }
    }

    /// <summary>Counts URLs the frontier skipped.</summary>
    /// <param name="reason">One of <see cref="SkipReasons"/>.</param>
    /// <param name="count">How many were skipped for it.</param>
    public void Skipped(string reason, int count = 1) => _skipped.Add(count, new KeyValuePair<string, object?>("reason", reason));

    /// <inheritdoc />
    void ICrawlPassListener.Skipped(string reason) => Skipped(reason);

    /// <summary>Counts a lease taken over from a node that let it expire.</summary>
    public void LeaseExpired() => _leaseExpiries.Add(1);

    /// <summary>Counts a Content-Security-Policy violation a browser reported.</summary>
    public void CspViolation() => _cspViolations.Add(1);

    /// <summary>Records the queue depth last seen.</summary>
    /// <param name="depth">Items queued or leased.</param>
    public void QueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
