using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What a profile's selectors found around the body; <see cref="PageFactsReader"/> searches for the rest.</summary>
/// <param name="Title">The element the title selector matched.</param>
/// <param name="Lead">The element the lead selector matched.</param>
/// <param name="Authors">The non-empty texts the author selector matched.</param>
/// <param name="Date">The date in the text the date selector matched.</param>
internal sealed record ProfileFacts(IElement? Title, IElement? Lead, IReadOnlyList<string> Authors, DateTimeOffset? Date);
