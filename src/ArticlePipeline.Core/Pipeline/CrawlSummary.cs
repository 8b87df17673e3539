using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Counts of one crawl pass, safe to update from several sources at once.</summary>
public sealed class CrawlSummary
{
    private readonly ConcurrentDictionary<string, int> _failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<ParkedUrl> _parked = new();
    private int _sources;
    private int _discoveryFailed;
    private int _discovered;
    private int _fetched;
    private int _notModified;
    private int _written;
    private int _unchanged;
    private long _billed;
    private long _saved;
    private int _translationsFailed;
    private readonly ConcurrentDictionary<string, Model.LanguageTranslationStats> _byLanguage = new(StringComparer.OrdinalIgnoreCase);
    private string? _stopped;
    private int _fromPublisher;
    private int _fromMirror;
    private int _fromMachine;
    private long _notBilled;
    private readonly ConcurrentQueue<Editions.RejectedEdition> _rejected = new();
    private const int MaxRefusalLines = 20;

    /// <summary>Sources crawled.</summary>
    public int Sources => _sources;

    /// <summary>Sources whose discovery could read none of their documents (every one refused or failed).</summary>
    public int DiscoveryFailed => _discoveryFailed;

    /// <summary>Whether there were sources and the discovery of every one of them failed: the pass did nothing.</summary>
    public bool EveryDiscoveryFailed => Sources > 0 && DiscoveryFailed == Sources;

    /// <summary>Article URLs found by discovery, after de-duplication.</summary>
    public int Discovered => _discovered;

    /// <summary>Articles fetched (HTTP 200 or a file read).</summary>
    public int Fetched => _fetched;

    /// <summary>Articles the server reported unchanged (HTTP 304).</summary>
    public int NotModified => _notModified;

    /// <summary>Records written (new or new revision).</summary>
    public int Written => _written;

    /// <summary>Articles fetched whose record did not change.</summary>
    public int Unchanged => _unchanged;

    /// <summary>Characters billed by the translator.</summary>
    public long BilledCharacters => Interlocked.Read(ref _billed);

    /// <summary>Characters the translation memory saved.</summary>
    public long SavedCharacters => Interlocked.Read(ref _saved);

    /// <summary>Languages of written records recorded as <c>failed</c>: the translator's answer failed the checks after one
    /// retry, or held a configured secret.</summary>
    public int TranslationsFailed => Volatile.Read(ref _translationsFailed);

    /// <summary>Translation cost and answer quality per target language, over the pass.</summary>
    public IReadOnlyDictionary<string, Model.LanguageTranslationStats> TranslationByLanguage => _byLanguage;

    /// <summary>Where the languages written this pass came from, what editions saved, and the editions refused.</summary>
    public Editions.EditionStats Editions => new(
        Volatile.Read(ref _fromPublisher), Volatile.Read(ref _fromMirror), Volatile.Read(ref _fromMachine), Interlocked.Read(ref _notBilled), [.. _rejected]);

    /// <summary>URLs skipped, total (robots, seen, duplicate, filtered, too-large, parked, backoff, limit).</summary>
    public int Skipped => _skipped.Values.Sum();

    /// <summary>URLs parked by this pass after too many consecutive failures.</summary>
    public IReadOnlyCollection<ParkedUrl> Parked => _parked;

    /// <summary>Failed articles, total.</summary>
    public int Failed => _failed.Values.Sum();

    /// <summary>Failures by reason.</summary>
    public IReadOnlyDictionary<string, int> FailedByReason => _failed;

    /// <summary>Skipped URLs by reason.</summary>
    public IReadOnlyDictionary<string, int> SkippedByReason => _skipped;

    /// <summary>Feeds, sitemaps or listings that could not be read.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Why the pass stopped taking new articles before its end (the disk is full), or <see langword="null"/>.</summary>
    public string? Stopped => Volatile.Read(ref _stopped);

    /// <summary>Records that the pass stopped taking new articles; the first reason is kept.</summary>
    /// <param name="reason">Why, without secrets.</param>
    public void Stop(string reason) => Interlocked.CompareExchange(ref _stopped, reason, null);

    /// <summary>Adds a problem of a source that is not one URL's (a pattern that times out).</summary>
    /// <param name="problem">The problem, starting with the source id.</param>
    public void AddProblem(string problem) => _problems.Enqueue(problem);

    /// <summary>Counts a crawled source and its discovery.</summary>
    /// <param name="discovered">URLs discovered for it.</param>
    /// <param name="problems">Discovery problems.</param>
    /// <param name="discoveryFailed">Whether discovery could read none of the source's documents.</param>
    public void AddSource(int discovered, IEnumerable<string> problems, bool discoveryFailed = false)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Interlocked.Increment(ref _sources);
        if (discoveryFailed)
        {
            Interlocked.Increment(ref _discoveryFailed);
        }

        Interlocked.Add(ref _discovered, discovered);
        foreach (string problem in problems)
        {
            _problems.Enqueue(problem);
        }
    }

    /// <summary>Counts URLs skipped before fetching.</summary>
    /// <param name="reason">One of <see cref="SkipReasons"/>.</param>
    /// <param name="count">How many were skipped for it.</param>
    public void AddSkipped(string reason, int count = 1) =>
        _skipped.AddOrUpdate(reason, static (_, added) => added, static (_, n, added) => n + added, count);

    /// <summary>Counts what a pass did with one URL: its outcome, or its skip reason, and a parking.</summary>
    /// <param name="result">The result.</param>
    public void Add(CrawlItemResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome is { } outcome)
        {
            Add(outcome);
        }
        else
        {
            AddSkipped(result.SkipReason ?? "unknown");
        }

        if (result.Parked is { } parked)
        {
            _parked.Enqueue(parked);
        }
    }

    /// <summary>Counts the outcome of one article.</summary>
    /// <param name="outcome">The outcome.</param>
    public void Add(ArticleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Add(ref _billed, outcome.BilledCharacters);
        Interlocked.Add(ref _saved, outcome.SavedCharacters);
        Interlocked.Add(ref _translationsFailed, outcome.FailedTranslations);
        Interlocked.Add(ref _fromPublisher, outcome.Editions.Publisher);
        Interlocked.Add(ref _fromMirror, outcome.Editions.Mirror);
        Interlocked.Add(ref _fromMachine, outcome.Editions.Machine);
        Interlocked.Add(ref _notBilled, outcome.Editions.CharactersNotBilled);
        foreach (Editions.RejectedEdition rejected in outcome.Editions.Rejected)
        {
            _rejected.Enqueue(rejected);
        }

        foreach ((string language, Model.LanguageTranslationStats stats) in outcome.Translation ?? [])
        {
            _byLanguage.AddOrUpdate(language, stats, (_, sum) => sum + stats);
        }
        switch (outcome.Kind)
        {
            case ArticleOutcomeKind.Written:
                Interlocked.Increment(ref _fetched);
                Interlocked.Increment(ref _written);
                break;
            case ArticleOutcomeKind.Unchanged:
                Interlocked.Increment(ref _fetched);
                Interlocked.Increment(ref _unchanged);
                break;
            case ArticleOutcomeKind.NotModified:
                Interlocked.Increment(ref _notModified);
                break;
            default:
                _failed.AddOrUpdate(outcome.Reason ?? "unknown", 1, static (_, n) => n + 1);
                break;
        }
    }

    /// <summary>The summary as the lines <c>crawl --once</c> prints.</summary>
    /// <returns>Human-readable lines.</returns>
    public IEnumerable<string> ToLines()
    {
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"sources {Sources}, discovered {Discovered}, fetched {Fetched}, not-modified {NotModified}, written {Written}, unchanged {Unchanged}, skipped {Skipped}, failed {Failed}, characters billed {BilledCharacters}, saved by memory {SavedCharacters}, translations failed {TranslationsFailed}");
        if (!_byLanguage.IsEmpty)
        {
            yield return "translation: " + FormatLanguages(_byLanguage);
        }

        if (Editions is { } editions && (editions.Publisher + editions.Mirror + editions.Rejected.Length > 0))
        {
            yield return FormatEditions(editions);
        }

        // Each refusal is also logged as it happens; the summary names the first few.
        foreach (Editions.RejectedEdition rejected in _rejected.Take(MaxRefusalLines))
        {
            yield return $"edition refused: {rejected.Url} as {rejected.Language}: {rejected.Reason}";
        }

        if (_rejected.Count > MaxRefusalLines)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"edition refused: {_rejected.Count - MaxRefusalLines} more (see the log)");
        }

        if (!_skipped.IsEmpty)
        {
            yield return "skipped: " + Format(_skipped);
        }

        if (!_failed.IsEmpty)
        {
            yield return "failed: " + Format(_failed);
        }

        foreach (ParkedUrl parked in _parked)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"parked: {parked.Url} after {parked.Failures} consecutive failures (last: {parked.Reason})");
        }

        foreach (string problem in _problems)
        {
            yield return "problem: " + problem;
        }

        if (DiscoveryFailed > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"discovery failed: {DiscoveryFailed} of {Sources} sources could read none of their feeds, sitemaps or pages");
        }

        if (Stopped is { } stopped)
        {
            yield return "stopped: " + stopped;
        }
    }

    /// <summary>One clause per language: <c>uk billed 1234, checks failed 0, failed 0; ru ...</c>, in ordinal order.</summary>
    /// <param name="byLanguage">The statistics by language.</param>
    /// <returns>The text.</returns>
    public static string FormatLanguages(IEnumerable<KeyValuePair<string, Model.LanguageTranslationStats>> byLanguage)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        return string.Join("; ", byLanguage
            .OrderBy(static p => p.Key, StringComparer.Ordinal)
            .Select(static p => string.Create(
                CultureInfo.InvariantCulture,
                $"{p.Key} billed {p.Value.BilledCharacters}, checks failed {p.Value.FailedChecks}, failed {p.Value.Failed}")));
    }

    /// <summary>The cost line: <c>languages from publishers 1, from mirrors 3, from the machine 0; characters not billed thanks to editions 5120; editions refused 1</c>.</summary>
    /// <param name="editions">The counts.</param>
    /// <returns>The text.</returns>
    public static string FormatEditions(Editions.EditionStats editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"languages from publishers {editions.Publisher}, from mirrors {editions.Mirror}, from the machine {editions.Machine}; characters not billed thanks to editions {editions.CharactersNotBilled}; editions refused {editions.Rejected.Length}");
    }

    private static string Format(ConcurrentDictionary<string, int> counts)
    {
        var text = new StringBuilder();
        foreach ((string reason, int count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(reason).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
