namespace ArticlePipeline.State.Operations;

/// <summary>Parked URLs: how many there are and the most recent ones.</summary>
/// <param name="Total">All parked URLs.</param>
/// <param name="Pages">The most recently parked.</param>
public sealed record ParkedPages(long Total, IReadOnlyList<ParkedPage> Pages);
