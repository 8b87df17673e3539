using ArticlePipeline.State.Operations;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>The sources page's data (also its JSON).</summary>
/// <param name="Now">When it was read.</param>
/// <param name="Sources">The configured sources.</param>
/// <param name="ParkedTotal">All parked URLs.</param>
/// <param name="Parked">The most recently parked.</param>
/// <param name="Work">The work queue and what each worker holds.</param>
internal sealed record SourcesView(DateTimeOffset Now, IReadOnlyList<SourceStatus> Sources, long ParkedTotal, IReadOnlyList<ParkedPage> Parked, WorkQueueView Work);
