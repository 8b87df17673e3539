using ArticlePipeline.State.Operations;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>One page of the records list (also its JSON).</summary>
/// <param name="Query">The search text, if any.</param>
/// <param name="Source">The source filter, if any.</param>
/// <param name="Page">The 1-based page.</param>
/// <param name="PageSize">Records per page.</param>
/// <param name="Total">Records matching.</param>
/// <param name="PageCount">Pages in all.</param>
/// <param name="Items">The page's records.</param>
internal sealed record RecordsView(string? Query, string? Source, int Page, int PageSize, long Total, int PageCount, IReadOnlyList<CatalogedRecord> Items);
