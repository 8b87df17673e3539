namespace ArticlePipeline.Core.Pipeline;

/// <summary>A URL parked by this pass: it failed too many times in a row and crawls no longer try it.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Reason">The last failure's reason.</param>
/// <param name="Failures">Consecutive failures.</param>
public sealed record ParkedUrl(Uri Url, string Reason, int Failures);
