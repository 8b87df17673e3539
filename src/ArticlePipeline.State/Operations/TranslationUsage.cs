namespace ArticlePipeline.State.Operations;

/// <summary>Characters billed by the translator and saved by the memory.</summary>
/// <param name="BilledToday">Billed on the UTC day asked about.</param>
/// <param name="BilledThisMonth">Billed in its month.</param>
/// <param name="SavedToday">Saved by the memory that day.</param>
/// <param name="SavedThisMonth">Saved in its month.</param>
public sealed record TranslationUsage(long BilledToday, long BilledThisMonth, long SavedToday, long SavedThisMonth);
