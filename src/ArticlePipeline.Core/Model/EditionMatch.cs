using System.Collections.Immutable;
using ArticlePipeline.Core.Editions;

namespace ArticlePipeline.Core.Model;

/// <summary>
/// How a human translation (a publisher's edition or a mirror's copy) matches the original: its blocks are kept as
/// published, so its paragraphs need not correspond one to one; this says which match which.
/// </summary>
/// <param name="Confidence">How sure the check is that the page translates this article (0 to 1): shared numbers, Latin-script names, dates and the length ratio.</param>
/// <param name="Alignment">Which original blocks each group of edition blocks renders, in order; a block without a counterpart has an empty list on the other side.</param>
public sealed record EditionMatch(double Confidence, ImmutableArray<BlockAlignment> Alignment);
