using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>Where the text of one language came from.</summary>
/// <param name="Extractor">For originals: the extractor (<c>profile</c>, <c>generic</c>, <c>plain-text</c>).</param>
/// <param name="Profile">For originals extracted with a site profile: its name.</param>
/// <param name="Provider">For translations: the provider (<c>azure</c>, ...).</param>
/// <param name="RequestIds">For translations: the provider's request ids.</param>
/// <param name="At">When the text was extracted or translated.</param>
public sealed record Provenance(
    string? Extractor,
    string? Profile,
    string? Provider,
    ImmutableArray<string> RequestIds,
    DateTimeOffset At);
