using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Translation.Batching;
using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation;

/// <summary>
/// One article on its way through <see cref="AzureTranslationProvider"/>: its texts (title, lead, blocks), the translated
/// pieces as they arrive, and what it was billed.
/// </summary>
internal sealed class ArticleTranslation
{
    private readonly LanguageContent _source;
    private readonly string?[] _texts;
    private readonly Dictionary<string, int> _targetIndex;
    private readonly List<string> _requestIds = [];
    private readonly Dictionary<string, string> _refused = new(StringComparer.OrdinalIgnoreCase);
    private int[] _pieceCounts = [];
    private string?[][][] _translated = [];
    private bool[][] _reported = [];
    private long _billed;
    private readonly Dictionary<string, LanguageTranslationStats> _byLanguage = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates a job and prepares its texts.</summary>
    /// <param name="job">The article, its language and the languages it lacks.</param>
    /// <param name="index">The job's index in its batch.</param>
    /// <exception cref="ArgumentException">A language code is blank.</exception>
    public ArticleTranslation(TranslationJob job, int index = 0)
    {
        Index = index;
        TranslationJob.ThrowIfInvalid(job);

        _source = job.Source;
        SourceLanguage = job.SourceLanguage;
        Targets = [.. job.TargetLanguages.Distinct(StringComparer.OrdinalIgnoreCase)];
        _targetIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int t = 0; t < Targets.Count; t++)
        {
            _targetIndex[Targets[t]] = t;
        }

        _texts = ContentSegments.Flatten(job.Source);
        Names = new NameMatcher(job.Names);
        GroupKey = SourceLanguage.ToUpperInvariant() + ">" + string.Join(',', Targets.Select(static t => t.ToUpperInvariant()).Order(StringComparer.Ordinal));
    }

    /// <summary>The article's names (authors, credits), kept as written.</summary>
    public NameMatcher Names { get; }

    /// <summary>The job's index in its batch.</summary>
    public int Index { get; }

    /// <summary>The source language.</summary>
    public string SourceLanguage { get; }

    /// <summary>The distinct target languages, as the job named them.</summary>
    public List<string> Targets { get; }

    /// <summary>Articles with equal keys can share requests: same source language, same set of targets.</summary>
    public string GroupKey { get; }

    /// <summary>The texts to send: every non-blank one, with how it may travel.</summary>
    /// <param name="article">The article's index in its request group.</param>
    /// <returns>The planned texts in order.</returns>
    public IEnumerable<PlannedText> PlannedTexts(int article) => PlannedTexts(article, null);

    /// <summary>The texts to send, glossary terms counted as protected.</summary>
    /// <param name="article">The article's index in its request group.</param>
    /// <param name="glossary">The glossary, if any.</param>
    /// <returns>The planned texts in order.</returns>
    public IEnumerable<PlannedText> PlannedTexts(int article, Glossary.TermGlossary? glossary)
    {
        for (int i = 0; i < _texts.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(_texts[i]))
            {
                yield return new PlannedText(article, i, _texts[i]!, TextProtector.Classify(_texts[i]!, glossary, Targets, Names));
            }
        }
    }

    /// <summary>Makes room for the translated pieces the plan will deliver.</summary>
    /// <param name="pieceCounts">The plan's piece counts.</param>
    /// <param name="article">The article's index in its request group.</param>
    public void Prepare(IReadOnlyDictionary<(int Article, int SourceIndex), int> pieceCounts, int article)
    {
        _pieceCounts = [.. Enumerable.Range(0, _texts.Length).Select(i => pieceCounts.GetValueOrDefault((article, i)))];
        _translated = [.. Targets.Select(_ => _pieceCounts.Select(static n => new string?[n]).ToArray())];
        _reported = [.. Targets.Select(_ => new bool[_texts.Length])];
    }

    /// <summary>Counts an answer in <paramref name="target"/> that failed the checks.</summary>
    /// <param name="target">The language.</param>
    public void FailedCheck(string target) => Count(target, new LanguageTranslationStats(0, 1, 0));

    private void Count(string target, LanguageTranslationStats stats) =>
        _byLanguage[target] = _byLanguage.GetValueOrDefault(target) + stats;

    /// <summary>Refuses a language: its answer is not kept, and the result names it with <paramref name="reason"/>.</summary>
    /// <param name="target">The language.</param>
    /// <param name="reason">Why, safe to store.</param>
    public void Refuse(string target, string reason) => _refused.TryAdd(target, reason);

    /// <summary>
    /// The texts whose every piece has arrived since the last call, in languages not refused: what the translation memory
    /// may keep now.
    /// </summary>
    /// <returns>The newly complete texts.</returns>
    public List<CompletedText> TakeCompleted()
    {
        var completed = new List<CompletedText>();
        for (int t = 0; t < Targets.Count; t++)
        {
            if (_refused.ContainsKey(Targets[t]))
            {
                continue;
            }

            for (int i = 0; i < _texts.Length; i++)
            {
                if (_pieceCounts[i] > 0 && !_reported[t][i] && Array.TrueForAll(_translated[t][i], static p => p is not null))
                {
                    _reported[t][i] = true;
                    completed.Add(new CompletedText(Index, i, Targets[t], string.Join(' ', _translated[t][i])));
                }
            }
        }

        return completed;
    }

    /// <summary>Keeps the translation of one piece.</summary>
    /// <param name="piece">The piece.</param>
    /// <param name="target">The language, as the request named it.</param>
    /// <param name="text">The translated plain text.</param>
    public void Store(TextPiece piece, string target, string text) =>
        _translated[_targetIndex[target]][piece.SourceIndex][piece.PieceIndex] = text;

    /// <summary>Adds this article's share of a request's metered characters.</summary>
    /// <param name="characters">The share.</param>
    /// <param name="requestId">The request's id, if the service sent one.</param>
    /// <param name="targets">The languages the request asked for: the share is split evenly over them.</param>
    public void AddBilling(long characters, string? requestId, IReadOnlyList<string> targets)
    {
        _billed += characters;
        for (int t = 0; t < targets.Count; t++)
        {
            long share = t == targets.Count - 1 ? characters - (characters / targets.Count * (targets.Count - 1)) : characters / targets.Count;
            Count(targets[t], new LanguageTranslationStats(share, 0, 0));
        }

        if (requestId is not null && !_requestIds.Contains(requestId))
        {
            _requestIds.Add(requestId);
        }
    }

    /// <summary>The aligned translations: same title, lead and blocks (count, order, kinds) as the source in every language.</summary>
    /// <returns>The result.</returns>
    public TranslationResult ToResult()
    {
        var languages = ImmutableDictionary.CreateBuilder<string, LanguageContent>(StringComparer.Ordinal);
        for (int t = 0; t < Targets.Count; t++)
        {
            if (_refused.ContainsKey(Targets[t]))
            {
                continue;
            }

            string?[][] pieces = _translated[t];
            string Text(int index) => _pieceCounts[index] == 0 ? _texts[index] ?? string.Empty : string.Join(' ', pieces[index]);
            languages[Targets[t]] = ContentSegments.Rebuild(_source, Text);
        }

        return new TranslationResult(
            languages.ToImmutable(),
            [.. _requestIds],
            _billed,
            Refused: _refused.Count == 0 ? null : _refused.ToImmutableDictionary(StringComparer.Ordinal),
            ByLanguage: Targets.ToImmutableDictionary(
                static t => t,
                t => _byLanguage.GetValueOrDefault(t) + new LanguageTranslationStats(0, 0, _refused.ContainsKey(t) ? 1 : 0),
                StringComparer.Ordinal));
    }
}
