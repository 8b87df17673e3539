using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What <see cref="BlockCollector"/> read from a container.</summary>
/// <param name="Blocks">The typed blocks, in document order.</param>
/// <param name="Images">The images, in document order.</param>
/// <param name="ContainerLength">The container's text length.</param>
/// <param name="KeptWithoutBoilerplate">
/// When skipping boilerplate-named boxes kept under a quarter of the text and the container was read again with
/// them, the text length the first reading kept; otherwise <see langword="null"/>.
/// </param>
internal sealed record CollectedBlocks(List<RawBlock> Blocks, List<ArticleImage> Images, int ContainerLength, int? KeptWithoutBoilerplate);
