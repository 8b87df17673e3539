using System.Collections.Immutable;

namespace ArticlePipeline.Core.Sources;

/// <summary>Article URLs found for a source, newest first, and the problems met finding them.</summary>
/// <param name="Urls">The article URLs.</param>
/// <param name="Problems">One line per feed, sitemap or listing that could not be read.</param>
public sealed record DiscoveryResult(ImmutableArray<Uri> Urls, ImmutableArray<string> Problems);
