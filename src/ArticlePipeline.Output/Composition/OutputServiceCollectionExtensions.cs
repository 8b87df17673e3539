using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Output.Warc;
using ArticlePipeline.Output.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Output.Composition;

/// <summary>Registers the output stage: the JSON record sink and its manifest, and the WARC capture store.</summary>
public static class OutputServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Output</c> section and adds the <see cref="JsonRecordSink"/> (as <see cref="IRecordSink"/>
    /// too) and, when <see cref="OutputOptions.Warc"/> is on, the <see cref="WarcCaptureStore"/> as <see cref="ICaptureStore"/>
    /// (a singleton the container disposes, which closes its file). With <c>Output:Warc</c> off,
    /// <c>GetService&lt;ICaptureStore&gt;()</c> returns <see langword="null"/>.
    /// </summary>
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
            sp.GetService<ILogger<JsonRecordSink>>(),
            new DeferredJournal(sp)));
        services.AddSingleton<IRecordSink>(sp => sp.GetRequiredService<JsonRecordSink>());
        services.AddSingleton(sp =>
        {
            OutputOptions options = sp.GetRequiredService<IOptions<OutputOptions>>().Value;
            return new WarcCaptureStore(
                options.Directory,
                options.WarcMaxBytes,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<WarcCaptureStore>>())
            {
                KeepsDiscovery = options.WarcDiscovery,
            };
        });

        // Off: the factory gives null, so GetService<ICaptureStore>() says "no capture" and no file is ever opened.
        services.AddSingleton<ICaptureStore>(sp => sp.GetRequiredService<IOptions<OutputOptions>>().Value.Warc
            ? sp.GetRequiredService<WarcCaptureStore>()
            : null!);
        return services;
    }
}
