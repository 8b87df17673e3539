namespace ArticlePipeline.State.Operations;

/// <summary>One page of the record catalog.</summary>
/// <param name="Total">Entries matching the query.</param>
/// <param name="Items">The page.</param>
public sealed record RecordListPage(long Total, IReadOnlyList<CatalogedRecord> Items);
