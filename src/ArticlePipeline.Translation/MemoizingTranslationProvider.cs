using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Translation;

/// <summary>
/// Puts a translation memory in front of a provider: every segment (title, lead, each block) already translated into a
/// language is taken from the memory, and only the missing segments go to the provider, so an unchanged article costs
/// nothing and an article with one changed paragraph costs that paragraph.
/// </summary>
/// <remarks>
/// <para>Key: <c>sha256:</c> and the lower-case hex SHA-256 of the segment's UTF-8 text in Unicode normalization form C,
/// with the source and target language (lower case) and the inner provider's <see cref="ITranslationProvider.Name"/>.</para>
/// <para>The missing segments of an article go to the inner provider as the blocks of one article, all its missing languages
/// in the same call when they coincide, grouped by the set of missing languages otherwise. A segment that occurs several times
/// in a batch is sent once. New translations are stored as soon as the Translator request that carried them is answered
/// (the Azure provider reports each request; another provider's answers are stored after each call), so a run that fails or
/// is killed part-way re-sends at most the request in flight.</para>
/// <para>A translation that contains a configured secret (<see cref="SecretScreen"/>) is never stored: that language of
/// that article is refused (<see cref="TranslationResult.Refused"/>) and stays pending.</para>
/// <para><see cref="TranslationResult.BilledCharacters"/> is what the inner provider billed;
/// <see cref="TranslationResult.SavedCharacters"/> is the source characters of every segment not sent (found in the memory
/// or earlier in the batch), times the languages it was not sent for.</para>
/// </remarks>
public sealed class MemoizingTranslationProvider : ITranslationProvider
{
    /// <summary>The source characters × languages handed to the inner provider per call: four Azure requests' worth.</summary>
    private const long CallCharacters = 200_000;

    private readonly ITranslationProvider _inner;
    private readonly ITranslationMemory _memory;
    private readonly SecretScreen _secrets;

    /// <summary>Creates the decorator.</summary>
    /// <param name="inner">The provider that translates what the memory lacks.</param>
    /// <param name="memory">The translation memory, e.g. the state store.</param>
    /// <param name="time">Accepted for symmetry with the factory; memory entries carry no time yet, so it is not used.</param>
    /// <param name="secrets">Secrets no stored translation may contain; none when <see langword="null"/>.</param>
    public MemoizingTranslationProvider(ITranslationProvider inner, ITranslationMemory memory, TimeProvider? time = null, SecretScreen? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(memory);
        _inner = inner;
        _memory = memory;
        _secrets = secrets ?? SecretScreen.None;
        _ = time;
    }

    /// <summary>The inner provider's name: translations come from it, the memory only replays them.</summary>
    public string Name => _inner.Name;

    /// <inheritdoc />
    public Task<TranslationResult> TranslateAsync(
        LanguageContent source,
        string sourceLanguage,
        IReadOnlyList<string> targetLanguages,
        CancellationToken cancellationToken = default) =>
        this.TranslateOneAsync(new TranslationJob(source, sourceLanguage, targetLanguages), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        MemoizedArticle[] articles = [.. jobs.Select(job => new MemoizedArticle(job, _inner.Name))];
        HashSet<TranslationMemoryKey> wanted = [.. articles.SelectMany(static a => a.AllKeys())];
        Dictionary<TranslationMemoryKey, string> known = wanted.Count == 0
            ? []
            : new Dictionary<TranslationMemoryKey, string>(await _memory.GetAsync(wanted, cancellationToken).ConfigureAwait(false));

        List<Outgoing> outgoing = Plan(articles, known);
        var refused = new Dictionary<TranslationMemoryKey, string>();
        foreach (List<Outgoing> call in Calls(outgoing, articles))
        {
            await TranslateMissingAsync(call, articles, known, refused, cancellationToken).ConfigureAwait(false);
        }

        return [.. articles.Select(a => a.ToResult(known, refused, _secrets))];
    }

    /// <summary>The SHA-256 of a segment as the memory keys it.</summary>
    /// <param name="text">The source segment.</param>
    /// <returns><c>sha256:</c> and 64 lower-case hex digits.</returns>
    internal static string SegmentHash(string text) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Normalize(NormalizationForm.FormC))));

    /// <summary>Decides what each article still needs: its segments grouped by the set of languages they lack, leaving out
    /// what the memory has or the batch already sends.</summary>
    private static List<Outgoing> Plan(MemoizedArticle[] articles, Dictionary<TranslationMemoryKey, string> known)
    {
        var queued = new HashSet<TranslationMemoryKey>();
        var outgoing = new List<Outgoing>();
        for (int a = 0; a < articles.Length; a++)
        {
            MemoizedArticle article = articles[a];
            var groups = new Dictionary<string, Outgoing>(StringComparer.Ordinal);
            foreach (int index in article.SegmentIndexes)
            {
                List<string> missing = [];
                foreach (string target in article.Targets)
                {
                    TranslationMemoryKey key = article.Key(index, target);
                    if (known.ContainsKey(key) || !queued.Add(key))
                    {
                        article.Saved += article.Texts[index]!.Length;
                    }
                    else
                    {
                        missing.Add(target);
                    }
                }

                if (missing.Count == 0)
                {
                    continue;
                }

                string set = string.Join('\n', missing);
                if (!groups.TryGetValue(set, out Outgoing? group))
                {
                    group = new Outgoing(a, missing, []);
                    groups[set] = group;
                    outgoing.Add(group);
                }

                group.Indexes.Add(index);
            }
        }

        return outgoing;
    }

    /// <summary>Cuts the work into calls of about <see cref="CallCharacters"/>, whole articles only.</summary>
    private static IEnumerable<List<Outgoing>> Calls(List<Outgoing> outgoing, MemoizedArticle[] articles)
    {
        var call = new List<Outgoing>();
        long characters = 0;
        foreach (Outgoing item in outgoing)
        {
            long size = item.Indexes.Sum(i => (long)articles[item.Article].Texts[i]!.Length) * item.Targets.Count;
            if (call.Count > 0 && characters + size > CallCharacters)
            {
                yield return call;
                call = [];
                characters = 0;
            }

            call.Add(item);
            characters += size;
        }

        if (call.Count > 0)
        {
            yield return call;
        }
    }

    private async Task TranslateMissingAsync(
        List<Outgoing> call,
        MemoizedArticle[] articles,
        Dictionary<TranslationMemoryKey, string> known,
        Dictionary<TranslationMemoryKey, string> refused,
        CancellationToken cancellationToken)
    {
        // The missing segments of an article travel as the blocks of an article without title or lead.
        TranslationJob[] innerJobs = [.. call.Select(o => new TranslationJob(
            new LanguageContent(string.Empty, null, [.. o.Indexes.Select(i => articles[o.Article].Segment(i))]),
            articles[o.Article].SourceLanguage,
            o.Targets,
            articles[o.Article].Names))];
        var stored = new HashSet<TranslationMemoryKey>();
        IReadOnlyList<TranslationResult> results = _inner is IIncrementalTranslationProvider incremental
            ? await incremental.TranslateManyAsync(
                innerJobs,
                (done, ct) => KeepAsync([.. done.Select(d => (d.Job, d.Segment - ContentSegments.FirstBlock, d.Target, d.Text))], call, articles, known, stored, ct),
                cancellationToken).ConfigureAwait(false)
            : await _inner.TranslateManyAsync(innerJobs, cancellationToken).ConfigureAwait(false);
        if (results.Count != innerJobs.Length)
        {
            throw new TranslationFailedException($"{_inner.Name} returned {results.Count} results for {innerJobs.Length} articles");
        }

        var answers = new List<(int Job, int Block, string Target, string Text)>();
        for (int k = 0; k < call.Count; k++)
        {
            Outgoing item = call[k];
            MemoizedArticle article = articles[item.Article];
            TranslationResult result = results[k];
            article.AddBilling(result);
            foreach (string target in item.Targets)
            {
                if (result.Refused?.FirstOrDefault(p => string.Equals(p.Key, target, StringComparison.OrdinalIgnoreCase)).Value is { } reason)
                {
                    // Nothing of it is kept; an article sharing one of its segments is refused with the same reason.
                    article.Refuse(target, reason);
                    foreach (int index in item.Indexes.Where(i => !known.ContainsKey(article.Key(i, target))))
                    {
                        refused[article.Key(index, target)] = reason;
                    }

                    continue;
                }

                LanguageContent translated = Find(result, target)
                    ?? throw new TranslationFailedException($"{_inner.Name} returned no text for {target}");
                if (translated.Blocks.Length != item.Indexes.Count)
                {
                    throw new TranslationFailedException(
                        $"{_inner.Name} returned {translated.Blocks.Length} blocks for {item.Indexes.Count} segments in {target}");
                }

                for (int b = 0; b < item.Indexes.Count; b++)
                {
                    string text = translated.Blocks[b].Text;
                    if (_secrets.Find(text) is { } secret)
                    {
                        // A provider that does not screen its answers: this text is dropped and the language refused.
                        article.Refuse(target, SecretScreen.Reason(secret));
                        refused[article.Key(item.Indexes[b], target)] = SecretScreen.Reason(secret);
                        continue;
                    }

                    answers.Add((k, b, target, text));
                }
            }
        }

        await KeepAsync(answers, call, articles, known, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts answered segments into the memory (each once per call), leaving out any that holds a secret.</summary>
    private async Task KeepAsync(
        List<(int Job, int Block, string Target, string Text)> answers,
        List<Outgoing> call,
        MemoizedArticle[] articles,
        Dictionary<TranslationMemoryKey, string> known,
        HashSet<TranslationMemoryKey> stored,
        CancellationToken cancellationToken)
    {
        var entries = new List<KeyValuePair<TranslationMemoryKey, string>>();
        foreach ((int job, int block, string target, string text) in answers)
        {
            Outgoing item = call[job];
            TranslationMemoryKey key = articles[item.Article].Key(item.Indexes[block], target);
            if (_secrets.Find(text) is null && stored.Add(key))
            {
                known[key] = text;
                entries.Add(new KeyValuePair<TranslationMemoryKey, string>(key, text));
            }
        }

        if (entries.Count > 0)
        {
            await _memory.PutAsync(entries, cancellationToken).ConfigureAwait(false);
        }
    }

    private static LanguageContent? Find(TranslationResult result, string target) =>
        result.Languages.TryGetValue(target, out LanguageContent? content)
            ? content
            : result.Languages.FirstOrDefault(p => string.Equals(p.Key, target, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The segments of one article to send for one set of missing languages.</summary>
    /// <param name="Article">The article's index in the batch.</param>
    /// <param name="Targets">The languages they lack.</param>
    /// <param name="Indexes">Their indexes among the article's texts.</param>
    private sealed record Outgoing(int Article, List<string> Targets, List<int> Indexes);
}
