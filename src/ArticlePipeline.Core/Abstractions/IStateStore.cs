using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>State: what the pipeline remembers between runs (State).</summary>
public interface IStateStore
{
    /// <summary>The stored state of <paramref name="url"/>, or <see langword="null"/> if never seen.</summary>
    /// <param name="url">A canonical article URL.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    Task<PageState?> GetPageAsync(Uri url, CancellationToken cancellationToken = default);

    /// <summary>Stores the state of a URL after a fetch.</summary>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SavePageAsync(PageState state, CancellationToken cancellationToken = default);
}
