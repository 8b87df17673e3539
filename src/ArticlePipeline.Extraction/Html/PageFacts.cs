namespace ArticlePipeline.Extraction.Html;

/// <summary>What a page says around its body: read before the content finder rewrites the document.</summary>
/// <param name="Title">The headline.</param>
/// <param name="Lead">The lead (sapo), if found.</param>
/// <param name="Authors">Authors the profile's selector names.</param>
/// <param name="Byline">The text of a byline element near the title, if found.</param>
/// <param name="Date">The publication time, if found.</param>
internal sealed record PageFacts(string Title, string? Lead, IReadOnlyList<string> Authors, string? Byline, DateTimeOffset? Date);
