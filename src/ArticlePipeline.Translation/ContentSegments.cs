using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Translation;

/// <summary>
/// An article's texts as one indexed list of segments: title at 0, lead at 1, then the blocks. Both providers
/// translate segments and rebuild the article from them, so the layout lives here once.
/// </summary>
internal static class ContentSegments
{
    /// <summary>Index of the first block.</summary>
    public const int FirstBlock = 2;

    /// <summary>The segment texts: title, lead (null when absent), then each block.</summary>
    public static string?[] Flatten(LanguageContent source) =>
        [source.Title, source.Lead, .. Blocks(source).Select(static b => b.Text)];

    /// <summary>Rebuilds <paramref name="source"/> with each segment's text from <paramref name="text"/>: same blocks, order and kinds.</summary>
    public static LanguageContent Rebuild(LanguageContent source, Func<int, string> text) => new(
        text(0),
        source.Lead is null ? null : text(1),
        [.. Blocks(source).Select((block, k) => new ContentBlock(block.Kind, text(k + FirstBlock)))]);

    /// <summary>The blocks, empty when the content was built without any.</summary>
    public static System.Collections.Immutable.ImmutableArray<ContentBlock> Blocks(LanguageContent source) =>
        source.Blocks.IsDefault ? [] : source.Blocks;
}
