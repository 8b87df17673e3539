namespace ArticlePipeline.Core.Model;

/// <summary>One article of a batch translation.</summary>
/// <param name="Source">The original text.</param>
/// <param name="SourceLanguage">Its language.</param>
/// <param name="TargetLanguages">The languages it lacks.</param>
public sealed record TranslationJob(LanguageContent Source, string SourceLanguage, IReadOnlyList<string> TargetLanguages);
