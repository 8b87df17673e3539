namespace ArticlePipeline.Core.Model;

/// <summary>One block of an article body, in reading order.</summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Text">The block's text, normalized.</param>
public sealed record ContentBlock(BlockKind Kind, string Text);
