using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>The text of an article in one language: title, lead and blocks aligned with the original.</summary>
/// <param name="Title">The headline.</param>
/// <param name="Lead">The lead, if the original has one.</param>
/// <param name="Blocks">The body blocks: same count, order and kinds in every language.</param>
public sealed record LanguageContent(string Title, string? Lead, ImmutableArray<ContentBlock> Blocks);
