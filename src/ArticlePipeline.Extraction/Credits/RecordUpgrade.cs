using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Credits;

/// <summary>Upgrades records written by an earlier schema version (<c>migrate</c>, and any rewrite of an old record).</summary>
public static class RecordUpgrade
{
    /// <summary>
    /// A v1 record as v2: its bylines sorted into people and credits by extraction's rules, its images' photo credits
    /// read from their captions; what v1 never kept (the fetched URL, the capture) is unknown, not guessed.
    /// </summary>
    /// <param name="record">A record of an earlier schema version.</param>
    /// <returns>The record in the current version; a current record is returned as it is.</returns>
    public static ArticleRecord ToCurrent(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.SchemaVersion >= ArticleRecord.CurrentSchemaVersion)
        {
            return record;
        }

        Uri? url = Uri.TryCreate(record.Url, UriKind.Absolute, out Uri? parsed) ? parsed : null;
        (var authors, var credits) = BylineCredits.Separate(record.Authors, url, [record.Publisher, record.Source.Name]);
        return record with
        {
            SchemaVersion = ArticleRecord.CurrentSchemaVersion,
            Authors = authors,
            Credits = record.Credits.IsDefaultOrEmpty ? credits : [.. record.Credits, .. credits.Except(record.Credits)],
            Images = [.. record.Images.Select(i => i.Credit is null ? i with { Credit = BylineCredits.PhotoCreditOf(i.Caption) } : i)],
            FetchedUrl = null,
            Capture = null,
        };
    }
}
