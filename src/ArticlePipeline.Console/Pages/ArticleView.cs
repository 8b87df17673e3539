namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>The article page's data (also its JSON).</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="Title">The title in the source language.</param>
/// <param name="SourceLanguage">The source language.</param>
/// <param name="Revision">The current revision.</param>
/// <param name="PublishedAt">When it was published, if known.</param>
/// <param name="Problem">Why the record file could not be shown, if it could not.</param>
/// <param name="Languages">The columns.</param>
/// <param name="Rows">The rows, block by block.</param>
/// <param name="Revisions">The revisions written, oldest first, with their manifest lines.</param>
internal sealed record ArticleView(
    string SourceId,
    string RecordId,
    string Url,
    string Title,
    string SourceLanguage,
    int Revision,
    DateTimeOffset? PublishedAt,
    string? Problem,
    IReadOnlyList<ArticleLanguage> Languages,
    IReadOnlyList<AlignedRow> Rows,
    IReadOnlyList<RevisionLine> Revisions);
