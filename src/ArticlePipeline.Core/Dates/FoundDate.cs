namespace ArticlePipeline.Core.Dates;

/// <summary>A date found in text.</summary>
/// <param name="Value">The date, in Vietnam time.</param>
/// <param name="Updated">Whether the text labels it as an update time (<c>Cập nhật</c>), not the publication time.</param>
public readonly record struct FoundDate(DateTimeOffset Value, bool Updated);
