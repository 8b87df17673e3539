namespace ArticlePipeline.Core.Pipeline;

/// <summary>Per-call switches of <see cref="ArticleProcessor"/>.</summary>
/// <param name="Force">Rewrite the record even when it is unchanged.</param>
/// <param name="Translate">Translate missing languages; when false they are written as pending.</param>
/// <param name="Conditional">Send the stored validators (ETag, Last-Modified) so an unchanged page costs a 304.</param>
/// <param name="DryRun">Decide whether the record would change, but write and translate nothing (<c>reprocess --dry-run</c>).</param>
/// <param name="Key">
/// The record the page must be filed under (<c>reprocess</c>): a page that now names another record (its canonical URL
/// or the source's rules changed) is refused as <c>rekeyed</c> rather than written as a second record.
/// </param>
public sealed record ProcessOptions(bool Force = false, bool Translate = true, bool Conditional = true, bool DryRun = false, Model.RecordKey? Key = null);
