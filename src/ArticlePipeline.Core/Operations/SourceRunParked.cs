namespace ArticlePipeline.Core.Operations;

/// <summary>A URL parked by a run.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Reason">The last failure's reason.</param>
/// <param name="Failures">Consecutive failures.</param>
public sealed record SourceRunParked(string Url, string Reason, int Failures);
