using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling.Discovery;
using ArticlePipeline.Crawling.Fetching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Crawling.Composition;

/// <summary>Registers the crawling stage: the polite HTTP fetcher and source discovery.</summary>
public static class CrawlingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Network</c> section, and adds the <see cref="HttpPageFetcher"/> (as
    /// <see cref="IPageFetcher"/> too, behind a <see cref="CapturingPageFetcher"/> when an <see cref="ICaptureStore"/> is
    /// registered) and <see cref="SourceDiscovery"/> over it and the state store's seen-set.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArticleCrawling(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Feeds in windows-1258 or windows-1252 may be read before any article page has been decoded.
        Core.Text.TextEncodings.EnsureRegistered();
        services.AddSection<NetworkOptions>(NetworkOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HttpPageFetcher(
            sp.GetRequiredService<IOptions<NetworkOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        // With a capture store (Output:Warc), every fetch goes through it: crawls, work items, rerun and discovery.
        services.AddSingleton<IPageFetcher>(sp => sp.GetService<ICaptureStore>() is { } store
            ? new CapturingPageFetcher(sp.GetRequiredService<HttpPageFetcher>(), store, sp.GetService<ILogger<CapturingPageFetcher>>())
            : sp.GetRequiredService<HttpPageFetcher>());
        services.AddSingleton<IDiscoveryHosts>(sp => sp.GetRequiredService<HttpPageFetcher>());
        services.AddSingleton<IHostPacing>(sp => sp.GetRequiredService<HttpPageFetcher>());
        services.AddSingleton<ISourceDiscovery>(sp => new SourceDiscovery(
            sp.GetRequiredService<IPageFetcher>(),
            sp.GetRequiredService<IDiscoveryHosts>(),
            sp.GetService<IStateStore>(),
            sp.GetRequiredService<IOptions<CrawlOptions>>().Value));
        return services;
    }

    /// <summary>The <c>Network</c> rules that span more than a range: product token, User-Agent and proxy shapes.</summary>
    private sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
    {
        public ValidateOptionsResult Validate(string? name, NetworkOptions options)
        {
            List<string> problems = [.. options.RuleProblems()];
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
