namespace ArticlePipeline.Core.Model;

/// <summary>What a conditional GET sends: the validators of the previous response.</summary>
/// <param name="ETag">The previous ETag.</param>
/// <param name="LastModified">The previous Last-Modified.</param>
public sealed record FetchValidators(string? ETag, DateTimeOffset? LastModified);
