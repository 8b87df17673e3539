using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>The translations of one article.</summary>
/// <param name="Languages">The translated text per target language, aligned with the source.</param>
/// <param name="RequestIds">The service's request ids.</param>
/// <param name="BilledCharacters">Characters the service billed (its <c>X-Metered-Usage</c>).</param>
/// <param name="SavedCharacters">Characters not sent because the translation memory had them (source characters × languages).</param>
/// <param name="Refused">Target languages whose answer was refused and is not in <paramref name="Languages"/>, with a reason
/// safe to store (e.g. the answer contained a configured secret); <see langword="null"/> when none was.</param>
/// <param name="ByLanguage">Cost and answer quality per target language; <see langword="null"/> when the provider does not
/// report them.</param>
public sealed record TranslationResult(
    ImmutableDictionary<string, LanguageContent> Languages,
    ImmutableArray<string> RequestIds,
    long BilledCharacters,
    long SavedCharacters = 0,
    ImmutableDictionary<string, string>? Refused = null,
    ImmutableDictionary<string, LanguageTranslationStats>? ByLanguage = null);
