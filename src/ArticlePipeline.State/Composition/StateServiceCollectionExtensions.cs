using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.State.Composition;

/// <summary>Registers the state store: page state, the translation memory, pending translations and work items.</summary>
public static partial class StateServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>State</c> section and adds the configured store (SQLite or PostgreSQL, its schema
    /// created or migrated when it is first resolved) behind a <see cref="StorageFullGuard"/>, under each of the
    /// interfaces it serves.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="outputDirectory">The output folder, whose <c>state/state.db</c> is the default SQLite file.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleState(this IServiceCollection services, Func<IServiceProvider, string> outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        services.AddSection<StateOptions>(StateOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StateOptions>, StateOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPipelineStateStore>(sp =>
        {
            // Opening is asynchronous I/O done once, when the first stage needs the store; the composition runs on no
            // synchronization context, so waiting here cannot deadlock.
            IPipelineStateStore store = StateStoreFactory
                .OpenAsync(sp.GetRequiredService<IOptions<StateOptions>>().Value, outputDirectory(sp), sp.GetRequiredService<TimeProvider>())
                .GetAwaiter().GetResult();

            if (store.SchemaVersionFound < store.SchemaVersion)
            {
                ILogger logger = sp.GetService<ILoggerFactory>()?.CreateLogger("ArticlePipeline.State") ?? NullLogger.Instance;
                LogMigrated(logger, store.Provider, store.SchemaVersionFound, store.SchemaVersion);
            }

            // A full disk under the state is a reason to stop a pass, not an error of the article being stored.
            return new StorageFullGuard(store);
        });
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<IPipelineStateStore>());
        services.AddSingleton<ITranslationMemory>(sp => sp.GetRequiredService<IPipelineStateStore>());
        services.AddSingleton<IPendingTranslations>(sp => sp.GetRequiredService<IPipelineStateStore>());
        services.AddSingleton<IWorkItemStore>(sp => sp.GetRequiredService<IPipelineStateStore>());
        services.AddSingleton<IHostLeaseStore>(sp => (IHostLeaseStore)sp.GetRequiredService<IPipelineStateStore>());
        services.AddSingleton<IOperationsJournal>(sp => sp.GetRequiredService<IPipelineStateStore>());
        services.AddSingleton<Operations.IOperationsQueries>(sp => sp.GetRequiredService<IPipelineStateStore>());
        return services;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "state store ({Provider}): schema migrated from version {From} to {To}")]
    private static partial void LogMigrated(ILogger logger, string provider, int from, int to);

    /// <summary>The provider is one of the two, and PostgreSQL has a connection string.</summary>
    private sealed class StateOptionsValidator : IValidateOptions<StateOptions>
    {
        public ValidateOptionsResult Validate(string? name, StateOptions options)
        {
            List<string> problems = [.. options.Problems()];
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
