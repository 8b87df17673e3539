using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Work;

/// <summary>How a <see cref="HostWorkLoop"/> takes hosts: who it is, how long its leases last, how many hosts at once, when it ends.</summary>
public sealed record HostWorkLoopOptions
{
    /// <summary>The worker's name on its leases.</summary>
    /// <value>The machine name.</value>
    public string Owner { get; init; } = Environment.MachineName;

    /// <summary>How long a host or item lease lasts unless renewed (renewed every third of it).</summary>
    /// <value>One minute.</value>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the loop waits between looks for a host when it took none.</summary>
    /// <value>One second.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a request to a host other than the held one (a feed on another host, a redirect) waits for that host's
    /// lease while another worker holds it; then the request fails with <see cref="Pipeline.FetchReasons.HostBusy"/>.
    /// </summary>
    /// <value>One minute.</value>
    public TimeSpan ForeignHostWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Hosts held at once.</summary>
    /// <value>1.</value>
    public int MaxHosts { get; init; } = 1;

    /// <summary>
    /// Whether the loop ends once the queue is empty and no host is held (a local pass), and takes every host it may
    /// at each look; otherwise it polls until stopped and takes at most half of the hosts waiting per poll (at least
    /// one), so that the hosts spread over the cluster's workers.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool UntilDrained { get; init; }

    /// <summary>A host's connections, from the source of its first item (<see langword="null"/> when not configured): the item loops the host is drained with.</summary>
    /// <value>The source's <c>maxConnectionsPerHost</c>, else 1.</value>
    public Func<SourceDefinition?, int> Connections { get; init; } = static source => source?.MaxConnectionsPerHost ?? 1;

    /// <summary>A host's interval: the time after its release before another holder may start on it.</summary>
    /// <value>The source's <c>delaySeconds</c>, else none.</value>
    public Func<SourceDefinition?, TimeSpan> Interval { get; init; } = static source => TimeSpan.FromSeconds(Math.Max(0, source?.DelaySeconds ?? 0));

    /// <summary>
    /// What the fetcher knows of a host's next turn (a Retry-After, a longer Crawl-delay): a host given up, or renewed,
    /// carries it, so the next holder, or one taking over an expired lease, asks no sooner than this worker would
    /// have; none when <see langword="null"/>.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public Abstractions.IHostPacing? Pacing { get; init; }

    /// <summary>
    /// When a host given back now may be asked next: its <see cref="Interval"/> from now, or the fetcher's next turn
    /// for it (<see cref="Pacing"/>: a Retry-After, a longer Crawl-delay) when that is later.
    /// </summary>
    /// <param name="now">The time of the release.</param>
    /// <param name="source">The source the host's interval comes from, if known.</param>
    /// <param name="url">Any URL of the host, if one was asked.</param>
    /// <param name="paced">Whether the fetcher's turn decided it.</param>
    /// <returns>The earliest time the next holder may start.</returns>
    internal DateTimeOffset FreeAt(DateTimeOffset now, SourceDefinition? source, Uri? url, out bool paced)
    {
        DateTimeOffset freeAt = now + Interval(source);
        DateTimeOffset? next = url is null ? null : Pacing?.NotBefore(url);
        paced = next > freeAt;
        return paced ? next!.Value : freeAt;
    }

    /// <summary>A task that completes when the queue changes (an in-process queue's <see cref="InProcessWorkStore.ChangedAsync"/>), to wake the loop before its poll interval; none when <see langword="null"/>.</summary>
    /// <value><see langword="null"/>.</value>
    public Func<Task>? Changed { get; init; }
}
