namespace ArticlePipeline.State.Operations;

/// <summary>A URL parked after too many consecutive failures.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Reason">The last failure's reason.</param>
/// <param name="Failures">Consecutive failures.</param>
/// <param name="UpdatedAt">When it was parked.</param>
public sealed record ParkedPage(string Url, string? Reason, int Failures, DateTimeOffset UpdatedAt);
