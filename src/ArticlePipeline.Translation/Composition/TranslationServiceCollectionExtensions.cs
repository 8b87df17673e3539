using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ArticlePipeline.Translation.Glossary;

namespace ArticlePipeline.Translation.Composition;

/// <summary>Registers the translation stage: the configured translator behind the translation memory.</summary>
public static class TranslationServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Translator</c> section and adds the <see cref="ConfiguredTranslator"/>: Azure
    /// Translator behind the state store's translation memory (when one is registered), or none. Answers containing
    /// the key or one of the registered <see cref="ConfiguredSecrets"/> are refused.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleTranslation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSection<TranslatorOptions>(TranslatorOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TranslatorOptions>, TranslatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ConfiguredSecrets([]));
        services.TryAddSingleton<GlossaryLoader>();
        services.AddSingleton(sp =>
        {
            ITranslationProvider? provider = TranslationProviderFactory.Create(
                sp.GetRequiredService<IOptions<TranslatorOptions>>().Value,
                sp.GetService<ITranslationMemory>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ConfiguredSecrets>().Values,
                sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
                sp.GetRequiredService<GlossaryLoader>());

            // Billed and saved characters per day, for the console's budget view.
            return new ConfiguredTranslator(provider is not null && sp.GetService<IOperationsJournal>() is { } journal
                ? new MeteredTranslationProvider(provider, journal, sp.GetRequiredService<TimeProvider>())
                : provider);
        });
        return services;
    }

    /// <summary>
    /// The rules across fields (<see cref="TranslationProviderFactory.RuleProblems"/>), and Azure's glossary file
    /// loads; what is read here is what the provider gets.
    /// </summary>
    private sealed class TranslatorOptionsValidator(GlossaryLoader glossaries) : IValidateOptions<TranslatorOptions>
    {
        public ValidateOptionsResult Validate(string? name, TranslatorOptions options)
        {
            List<string> problems = TranslationProviderFactory.RuleProblems(options);
            if (options.Provider?.Trim().Equals(AzureTranslationProvider.ProviderName, StringComparison.OrdinalIgnoreCase) == true
                && glossaries.Load(options).Problem is { } glossary)
            {
                problems.Add(glossary);
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

/// <summary>
/// Configured secrets besides the Translator key that no stored text may contain (the state store's and the proxy's
/// passwords), by the name of the setting that holds them; the value is never printed.
/// </summary>
/// <param name="Values">Setting name and secret value pairs.</param>
public sealed record ConfiguredSecrets(IReadOnlyList<KeyValuePair<string, string?>> Values);
