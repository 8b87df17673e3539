namespace ArticlePipeline.Core.Model;

/// <summary>One article of a batch translation.</summary>
/// <param name="Source">The original text.</param>
/// <param name="SourceLanguage">Its language.</param>
/// <param name="TargetLanguages">The languages it lacks.</param>
/// <param name="Names">Names found by extraction (authors, credits) to keep as written wherever they occur in the texts;
/// none when <see langword="null"/>.</param>
public sealed record TranslationJob(
    LanguageContent Source, string SourceLanguage, IReadOnlyList<string> TargetLanguages, IReadOnlyList<string>? Names = null)
{
    /// <summary>Refuses a job a provider cannot send: no source, a blank source language or a blank target code.</summary>
    /// <param name="job">The job.</param>
    /// <exception cref="ArgumentNullException">The job, its source or its target list is missing.</exception>
    /// <exception cref="ArgumentException">A language code is blank.</exception>
    public static void ThrowIfInvalid(TranslationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(job.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(job.SourceLanguage);
        ArgumentNullException.ThrowIfNull(job.TargetLanguages);
        if (job.TargetLanguages.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Target language codes may not be blank.", nameof(job));
        }
    }
}
