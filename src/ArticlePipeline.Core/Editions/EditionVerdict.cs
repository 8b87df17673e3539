namespace ArticlePipeline.Core.Editions;

/// <summary>Whether a page is accepted as a translation of an article, how sure the check is, and why.</summary>
/// <param name="Accepted">Whether the page is taken as the article's edition (<see cref="Confidence"/> at least <see cref="EditionCheck.AcceptThreshold"/> and no outright rejection).</param>
/// <param name="Confidence">How sure the check is that the page is a translation of the article, in [0, 1].</param>
/// <param name="Reason">Why the page was rejected, in words for an operator (<c>shares 1 of 9 numbers</c>); <see langword="null"/> when accepted.</param>
/// <param name="Evidence">The measurements behind the verdict.</param>
public sealed record EditionVerdict(bool Accepted, double Confidence, string? Reason, EditionEvidence Evidence);
