using ArticlePipeline.OperatorConsole.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArticlePipeline.OperatorConsole.Composition;

/// <summary>Registers the operator console's pages.</summary>
public static class OperatorConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds the console. It reads the state store registered as
    /// <see cref="State.Operations.IOperationsQueries"/> (by <c>AddArticleState</c>) and the records under
    /// <see cref="OperatorConsoleOptions.OutputDirectory"/>; a Quartz <c>ISchedulerFactory</c>, when registered, gives the
    /// next fire times. Map the pages with <see cref="OperatorConsoleEndpointRouteBuilderExtensions.MapOperatorConsole"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the output folder and the sources (and may override the <c>Console</c> section, bound first).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, Action<OperatorConsoleOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OperatorConsoleOptions>()
            .BindConfiguration(OperatorConsoleOptions.SectionName)
            .Configure(configure)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NextFireTimes>();
        services.TryAddSingleton<SourcesPage>();
        services.TryAddSingleton<TranslationPage>();
        services.TryAddSingleton<RecordsPage>();
        services.TryAddSingleton<ArticlePage>();
        return services;
    }
}
