using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Output.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Output.Composition;

/// <summary>Registers the output stage: the JSON record sink and its manifest.</summary>
public static class OutputServiceCollectionExtensions
{
    /// <summary>Binds and validates the <c>Output</c> section and adds the <see cref="JsonRecordSink"/> (as <see cref="IRecordSink"/> too).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleOutput(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSection<OutputOptions>(OutputOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new JsonRecordSink(
            sp.GetRequiredService<IOptions<OutputOptions>>().Value.Directory,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<JsonRecordSink>>()));
        services.AddSingleton<IRecordSink>(sp => sp.GetRequiredService<JsonRecordSink>());
        return services;
    }
}
