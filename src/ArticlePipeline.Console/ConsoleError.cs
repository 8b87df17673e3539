namespace ArticlePipeline.OperatorConsole;

/// <summary>A page that could not be shown, as JSON.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Error">What went wrong.</param>
internal sealed record ConsoleError(int Status, string Error);
