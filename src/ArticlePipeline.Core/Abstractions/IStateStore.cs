using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>State: what the pipeline remembers of each URL between runs (State).</summary>
/// <remarks>
/// One store class per provider (SQLite embedded, PostgreSQL for a cluster) implements this and
/// <see cref="ITranslationMemory"/>, <see cref="IPendingTranslations"/> and <see cref="IWorkItemStore"/>; all pass the
/// same contract tests.
/// </remarks>
public interface IStateStore
{
    /// <summary>The stored state of <paramref name="url"/>, or <see langword="null"/> if never seen.</summary>
    /// <param name="url">A canonical article URL.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored states of those of <paramref name="urls"/> ever seen, by <see cref="Uri.AbsoluteUri"/>: a listing's
    /// URLs in one read rather than one read each (a discovery of a sitemap of thousands of URLs made as many round
    /// trips to PostgreSQL, while holding the host).
    /// </summary>
    /// <param name="urls">Canonical article URLs; repeats are read once.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The states found; a URL never seen has no entry.</returns>
    async Task<IReadOnlyDictionary<string, PageState>> GetPagesAsync(IReadOnlyCollection<Uri> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var found = new Dictionary<string, PageState>(StringComparer.Ordinal);
        foreach (Uri url in urls)
        {
            if (!found.ContainsKey(url.AbsoluteUri) && await GetPageAsync(url, cancellationToken).ConfigureAwait(false) is { } state)
            {
                found[url.AbsoluteUri] = state;
            }
        }

        return found;
    }

    /// <summary>Stores the state of a URL after a fetch.</summary>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SavePageAsync(PageState state, CancellationToken cancellationToken = default);

    /// <summary>The URL whose last extracted content had <paramref name="contentHash"/>, if any (a syndicated copy).</summary>
    /// <param name="contentHash">A content hash.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A canonical URL other than the one asked about, or <see langword="null"/>.</returns>
    Task<Uri?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken = default);
}
