namespace ArticlePipeline.Core.Pipeline;

/// <summary>Which URL names an article, and the canonical link it declared when that was refused.</summary>
/// <param name="Identity">The URL the record id comes from (before canonicalization).</param>
/// <param name="Foreign">
/// The page's <c>link rel=canonical</c> when it named another site's URL and was not trusted; kept in the record
/// as metadata, never as its identity.
/// </param>
public readonly record struct CanonicalChoice(Uri Identity, Uri? Foreign);
