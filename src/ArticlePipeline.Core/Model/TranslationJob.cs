namespace ArticlePipeline.Core.Model;

/// <summary>One article of a batch translation.</summary>
/// <param name="Source">The original text.</param>
/// <param name="SourceLanguage">Its language.</param>
/// <param name="TargetLanguages">The languages it lacks.</param>
/// <param name="Names">Names found by extraction (authors, credits) to keep as written wherever they occur in the texts;
/// none when <see langword="null"/>.</param>
public sealed record TranslationJob(
    LanguageContent Source, string SourceLanguage, IReadOnlyList<string> TargetLanguages, IReadOnlyList<string>? Names = null);
