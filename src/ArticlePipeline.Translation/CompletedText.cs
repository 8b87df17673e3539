namespace ArticlePipeline.Translation;

/// <summary>One text of one article translated into one language, complete (all its pieces answered).</summary>
/// <param name="Job">The job's index in the batch.</param>
/// <param name="Segment">The text's index among the job's segments (title 0, lead 1, then the blocks).</param>
/// <param name="Target">The target language, as the job named it.</param>
/// <param name="Text">The translated text, already screened for secrets.</param>
internal sealed record CompletedText(int Job, int Segment, string Target, string Text);
