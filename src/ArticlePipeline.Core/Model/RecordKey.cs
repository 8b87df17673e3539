namespace ArticlePipeline.Core.Model;

/// <summary>A record's identity: the source it is filed under and its id (from its canonical URL).</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="Id">The record id.</param>
public readonly record struct RecordKey(string SourceId, string Id)
{
    /// <summary>The key of <paramref name="record"/>.</summary>
    /// <param name="record">A record.</param>
    /// <returns>Its key.</returns>
    public static RecordKey Of(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordKey(record.Source.Id, record.Id);
    }

    /// <inheritdoc />
    public override string ToString() => SourceId + "/" + Id;
}
