namespace ArticlePipeline.State.Operations;

/// <summary>Records with <paramref name="Language"/> pending for <paramref name="Reason"/>.</summary>
/// <param name="Reason">Why the language is pending.</param>
/// <param name="Language">The language.</param>
/// <param name="Records">Records it is pending in.</param>
public sealed record PendingLanguageCount(string Reason, string Language, long Records);
