namespace ArticlePipeline.Testing.Translator;

/// <summary>An injected failure: the next request gets this status and error instead of being served.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The Translator error code.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> to send, or <see langword="null"/> for none.</param>
internal sealed record TranslatorFault(int Status, int Code, TimeSpan? RetryAfter);
