using System.Collections.Immutable;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Translation;

/// <summary>One article on its way through <see cref="MemoizingTranslationProvider"/>: its segments and their memory keys,
/// and what it was billed and saved.</summary>
internal sealed class MemoizedArticle
{
    private readonly LanguageContent _source;
    private readonly ImmutableArray<ContentBlock> _blocks;
    private readonly string?[] _hashes;
    private readonly string _provider;
    private readonly List<string> _requestIds = [];
    private readonly Dictionary<string, string> _refused = new(StringComparer.OrdinalIgnoreCase);
    private long _billed;
    private readonly Dictionary<string, LanguageTranslationStats> _byLanguage = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates a job and hashes its segments.</summary>
    /// <param name="job">The article, its language and the languages it lacks.</param>
    /// <param name="provider">The inner provider's name, part of every key.</param>
    public MemoizedArticle(TranslationJob job, string provider)
    {
        TranslationJob.ThrowIfInvalid(job);

        _source = job.Source;
        _provider = provider;
        SourceLanguage = job.SourceLanguage;
        Names = job.Names;
        Targets = [.. job.TargetLanguages.Distinct(StringComparer.OrdinalIgnoreCase)];
        _blocks = ContentSegments.Blocks(job.Source);
        Texts = ContentSegments.Flatten(job.Source);
        _hashes = [.. Texts.Select(static t => string.IsNullOrWhiteSpace(t) ? null : MemoizingTranslationProvider.SegmentHash(t))];
        SegmentIndexes = [.. Enumerable.Range(0, Texts.Length).Where(i => _hashes[i] is not null)];
    }

    /// <summary>The article's names, passed on to the inner provider.</summary>
    public IReadOnlyList<string>? Names { get; }

    /// <summary>The source language.</summary>
    public string SourceLanguage { get; }

    /// <summary>The distinct target languages, as the job named them.</summary>
    public List<string> Targets { get; }

    /// <summary>Title, lead and block texts, in that order.</summary>
    public string?[] Texts { get; }

    /// <summary>The indexes of the non-blank texts: the segments.</summary>
    public ImmutableArray<int> SegmentIndexes { get; }

    /// <summary>Source characters × languages not sent.</summary>
    public long Saved { get; set; }

    /// <summary>The memory key of one segment in one language.</summary>
    /// <param name="index">The segment's index in <see cref="Texts"/>.</param>
    /// <param name="target">The target language.</param>
    /// <returns>The key.</returns>
    public TranslationMemoryKey Key(int index, string target) => new(
        _hashes[index]!, SourceLanguage.ToLowerInvariant(), target.ToLowerInvariant(), _provider);

    /// <summary>Every key the article needs.</summary>
    /// <returns>The keys of each segment in each target language.</returns>
    public IEnumerable<TranslationMemoryKey> AllKeys() =>
        SegmentIndexes.SelectMany(i => Targets.Select(t => Key(i, t)));

    /// <summary>A segment as a block to send: the title as a heading, the lead as a paragraph, a block as itself.</summary>
    /// <param name="index">The segment's index in <see cref="Texts"/>.</param>
    /// <returns>The block.</returns>
    public ContentBlock Segment(int index) => index switch
    {
        0 => new ContentBlock(BlockKind.Heading, Texts[0]!),
        1 => new ContentBlock(BlockKind.Paragraph, Texts[1]!),
        _ => _blocks[index - ContentSegments.FirstBlock],
    };

    /// <summary>Adds what the inner provider billed for some of this article's segments.</summary>
    /// <param name="result">The inner provider's result.</param>
    public void AddBilling(TranslationResult result)
    {
        _billed += result.BilledCharacters;
        foreach ((string language, LanguageTranslationStats stats) in result.ByLanguage ?? ImmutableDictionary<string, LanguageTranslationStats>.Empty)
        {
            // Failures are counted once, from this article's own result: the inner provider's are per call.
            _byLanguage[language] = _byLanguage.GetValueOrDefault(language) + (stats with { Failed = 0 });
        }

        foreach (string id in result.RequestIds.Where(id => !_requestIds.Contains(id)))
        {
            _requestIds.Add(id);
        }
    }

    /// <summary>Refuses a language of this article: it is left out of the result, with <paramref name="reason"/>.</summary>
    /// <param name="target">The language.</param>
    /// <param name="reason">Why, safe to store.</param>
    public void Refuse(string target, string reason) => _refused.TryAdd(target, reason);

    /// <summary>Assembles the aligned translations from the memory's and the provider's segments.</summary>
    /// <param name="known">Every translation known by key.</param>
    /// <param name="refused">Why a segment has no translation, by key.</param>
    /// <param name="secrets">Secrets no returned text may contain (an entry stored before they were screened).</param>
    /// <returns>The result; a language missing a segment, or holding a secret, is refused.</returns>
    public TranslationResult ToResult(
        IReadOnlyDictionary<TranslationMemoryKey, string> known,
        IReadOnlyDictionary<TranslationMemoryKey, string> refused,
        SecretScreen secrets)
    {
        var languages = ImmutableDictionary.CreateBuilder<string, LanguageContent>(StringComparer.Ordinal);
        foreach (string target in Targets.Where(t => !_refused.ContainsKey(t)))
        {
            string? reason = null;
            foreach (int index in SegmentIndexes)
            {
                TranslationMemoryKey key = Key(index, target);
                if (!known.TryGetValue(key, out string? text))
                {
                    reason = refused.GetValueOrDefault(key) ?? "translator returned no text for this language";
                    break;
                }

                if (secrets.Find(text) is { } setting)
                {
                    reason = SecretScreen.Reason(setting);
                    break;
                }
            }

            if (reason is not null)
            {
                _refused[target] = reason;
                continue;
            }

            string Text(int index) => _hashes[index] is null ? Texts[index] ?? string.Empty : known[Key(index, target)];
            languages[target] = ContentSegments.Rebuild(_source, Text);
        }

        return new TranslationResult(
            languages.ToImmutable(),
            [.. _requestIds],
            _billed,
            Saved,
            _refused.Count == 0 ? null : _refused.ToImmutableDictionary(StringComparer.Ordinal),
            Targets.ToImmutableDictionary(
                static t => t,
                t => _byLanguage.GetValueOrDefault(t) + new LanguageTranslationStats(0, 0, _refused.ContainsKey(t) ? 1 : 0),
                StringComparer.Ordinal));
    }
}
