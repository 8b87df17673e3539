using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>One configured source on the sources page.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Province">Its province, if set.</param>
/// <param name="HomeUrl">Its home page, without credentials.</param>
/// <param name="Schedule">The cron it runs on.</param>
/// <param name="NextFireAt">When it runs next, if known.</param>
/// <param name="NextFireFrom">Where that came from: <c>scheduler</c>, <c>cron</c> or <c>none</c>.</param>
/// <param name="LastRun">Its last run, or <see langword="null"/> when it never ran.</param>
internal sealed record SourceStatus(
    string Id,
    string Name,
    string? Province,
    string? HomeUrl,
    string Schedule,
    DateTimeOffset? NextFireAt,
    string NextFireFrom,
    SourceRun? LastRun);
