using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ArticlePipeline.Core.Abstractions;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// The state of one crawl pass shared by its sources: the URLs each source already claimed (so a URL found twice,
/// or named as the canonical of another page, is crawled once per source) and the failure policy.
/// </summary>
public sealed class CrawlPass
{
    // 128 bits of the key's SHA-256 rather than the Uri itself: a pass over 10,000 URLs keeps under 1 MB here.
    private readonly ConcurrentDictionary<UInt128, byte> _claimed = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _listedModified = new(StringComparer.Ordinal);
    private PassTranslations? _translations;

    /// <summary>Creates a pass.</summary>
    /// <param name="options">The failure policy; the defaults when <see langword="null"/>.</param>
    public CrawlPass(CrawlOptions? options = null) => Options = options ?? new CrawlOptions();

    /// <summary>The failure policy.</summary>
    public CrawlOptions Options { get; }

    /// <summary>URLs claimed so far.</summary>
    public int Count => _claimed.Count;

    /// <summary>Claims a frontier key for this pass.</summary>
    /// <param name="key">A key from <see cref="CrawlFrontier.Key"/>.</param>
    /// <param name="scope">Claims in different scopes (e.g. source ids) do not collide; <see langword="null"/> is pass-wide.</param>
    /// <returns><see langword="true"/> the first time; <see langword="false"/> when it was seen in this pass already.</returns>
    public bool TryClaim(Uri key, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(scope is null ? key.AbsoluteUri : scope + "\n" + key.AbsoluteUri), hash);
        return _claimed.TryAdd(BinaryPrimitives.ReadUInt128LittleEndian(hash), 0);
    }

    /// <summary>
    /// Notes when the listing that gave a URL says its page last changed (<see cref="Sources.DiscoveryResult.Modified"/>),
    /// for the frontier's decision on it in this pass (<see cref="CrawlFrontier.Decide"/>).
    /// </summary>
    /// <param name="key">A key from <see cref="CrawlFrontier.Key"/>.</param>
    /// <param name="modified">The listed date; nothing is noted when <see langword="null"/>.</param>
    public void Listed(Uri key, DateTimeOffset? modified)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (modified is { } date)
        {
            _listedModified.AddOrUpdate(key.AbsoluteUri, date, (_, known) => date > known ? date : known);
        }
    }

    /// <summary>The latest modification date noted for <paramref name="key"/> in this pass, if any.</summary>
    /// <param name="key">A key from <see cref="CrawlFrontier.Key"/>.</param>
    /// <returns>The date, or <see langword="null"/>.</returns>
    public DateTimeOffset? ListedModified(Uri key) =>
        _listedModified.TryGetValue(key.AbsoluteUri, out DateTimeOffset date) ? date : null;

    /// <summary>The pass's shared Translator batches, made on first use over the processor's translator.</summary>
    internal PassTranslations Translations(ITranslationProvider translator, TimeProvider time) =>
        LazyInitializer.EnsureInitialized(ref _translations, () => new PassTranslations(translator, Options, time));

    /// <summary>
    /// A source's fetching starts (<see langword="true"/>) or ends: while some source fetches, its articles' translations
    /// wait to share requests; after the last one ends, what waits is sent and later ones go at once.
    /// </summary>
    /// <param name="translator">The processor's translator, if any.</param>
    /// <param name="time">The processor's clock.</param>
    /// <param name="fetching">Whether the source starts or ends.</param>
    internal void Fetching(ITranslationProvider? translator, TimeProvider time, bool fetching)
    {
        if (translator is null)
        {
            return;
        }

        PassTranslations translations = Translations(translator, time);
        if (fetching)
        {
            translations.BeginFetching();
        }
        else
        {
            translations.EndFetching();
        }
    }

    /// <summary>Ends the pass's batching: its timer stops and a batch still in flight is cancelled.</summary>
    public void EndTranslations() => Volatile.Read(ref _translations)?.Dispose();
}
