namespace ArticlePipeline.Core.Pipeline;

/// <summary>Failure reasons of a fetch that another stage acts on, named once.</summary>
public static class FetchReasons
{
    /// <summary>The host's circuit is open after repeated failures: the request was not sent, and is not the URL's fault.</summary>
    public const string CircuitOpen = "circuit-open";

    /// <summary>
    /// The request was to a host other than the one its worker holds, and another worker held that host for longer
    /// than the worker may wait: not sent, and not the URL's fault.
    /// </summary>
    public const string HostBusy = "host-busy";
}
