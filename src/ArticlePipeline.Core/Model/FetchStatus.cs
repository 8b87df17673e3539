namespace ArticlePipeline.Core.Model;

/// <summary>How a fetch ended.</summary>
public enum FetchStatus
{
    /// <summary>The page arrived.</summary>
    Fetched,

    /// <summary>The server answered 304: the page did not change since the validators were stored.</summary>
    NotModified,

    /// <summary>The fetch failed; <see cref="FetchOutcome.Reason"/> says why.</summary>
    Failed,

    /// <summary>The URL was refused before any request (address policy, scheme, robots).</summary>
    Refused,
}
