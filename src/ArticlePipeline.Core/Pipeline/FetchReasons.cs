namespace ArticlePipeline.Core.Pipeline;

/// <summary>Failure reasons of a fetch that another stage acts on, named once.</summary>
public static class FetchReasons
{
    /// <summary>The host's circuit is open after repeated failures: the request was not sent, and is not the URL's fault.</summary>
    public const string CircuitOpen = "circuit-open";
}
