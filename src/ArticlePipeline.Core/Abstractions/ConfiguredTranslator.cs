namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// The translator a deployment configured, or none (<c>Translator:Provider=none</c>): then every target language of a
/// new record stays <c>pending</c> for a later <c>translate --pending</c>.
/// </summary>
/// <param name="Provider">The provider, or <see langword="null"/> when translation is off.</param>
public sealed record ConfiguredTranslator(ITranslationProvider? Provider) : IDisposable
{
    /// <summary>Disposes the provider (its HTTP client and pacing) when it is disposable.</summary>
    public void Dispose() => (Provider as IDisposable)?.Dispose();
}
