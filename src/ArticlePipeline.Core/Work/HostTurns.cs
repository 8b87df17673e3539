namespace ArticlePipeline.Core.Work;

/// <summary>
/// Whose turn a request to a host is, across the cluster. A work item runs under the host its worker holds; a request
/// it makes to any other host (a feed or sitemap on another host, that host's robots.txt, a redirect to another host or
/// port) first takes that host's lease, so that no two workers ask one host at once. The fetcher calls
/// <see cref="EnterAsync"/> before each URL it asks; outside a held host (a <c>rerun</c>, a test) every host is free.
/// </summary>
public static class HostTurns
{
    private static readonly AsyncLocal<IHostGate?> Current = new();

    /// <summary>Waits until this flow may ask the host of <paramref name="url"/>, and holds it until the result is disposed.</summary>
    /// <param name="url">The URL about to be requested.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The turn to dispose when the answer has been read, or <see langword="null"/> when there is nothing to hold (the flow's own host, or no held host).</returns>
    /// <exception cref="HostBusyException">Another worker held the host for longer than the wait allows.</exception>
    public static ValueTask<IAsyncDisposable?> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Current.Value is { } gate ? gate.EnterAsync(url, cancellationToken) : ValueTask.FromResult<IAsyncDisposable?>(null);
    }

    /// <summary>Runs the rest of the calling flow, and everything it starts, under <paramref name="gate"/>.</summary>
    /// <param name="gate">The held host's gate.</param>
    internal static void Use(IHostGate? gate) => Current.Value = gate;
}

/// <summary>The held host of a flow, and how it gets a turn on any other host.</summary>
internal interface IHostGate
{
    /// <summary>See <see cref="HostTurns.EnterAsync"/>.</summary>
    /// <param name="url">The URL about to be requested.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The turn, or <see langword="null"/>.</returns>
    ValueTask<IAsyncDisposable?> EnterAsync(Uri url, CancellationToken cancellationToken);
}
