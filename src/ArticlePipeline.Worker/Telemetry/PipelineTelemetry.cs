using ArticlePipeline.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ArticlePipeline.Worker.Telemetry;

/// <summary>
/// OpenTelemetry for every command: the <c>ArticlePipeline</c> meter and activity source, HttpClient, the .NET runtime
/// and Polly's resilience events. OTLP export (traces, metrics and logs) is on when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set (the other <c>OTEL_*</c> variables apply as the OpenTelemetry
/// SDK defines them, e.g. <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>); the Prometheus exporter serves
/// <c>/metrics</c> under <c>run --http</c>. With neither, nothing is registered and nothing is collected.
/// </summary>
public static class PipelineTelemetry
{
    /// <summary>The variable that turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name in exported telemetry, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "article-pipeline";

    /// <summary>Polly's meter: retries, timeouts and circuit-breaker events of the crawler's resilience pipelines.</summary>
    public const string PollyMeter = "Polly";

    /// <summary>
    /// Adds the <c>OTEL_*</c> environment variables to <paramref name="configuration"/> under their own names, where
    /// the OpenTelemetry SDK reads them (the host's configuration otherwise holds only <c>ARTICLEPIPELINE__*</c>).
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    public static void AddOtelEnvironment(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            {
                values[name] = variable.Value as string;
            }
        }

        configuration.AddInMemoryCollection(values);
    }

    /// <summary>Whether OTLP export is on: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    /// <param name="configuration">The host's configuration, with <see cref="AddOtelEnvironment"/> applied.</param>
    /// <returns>Whether to export.</returns>
    public static bool OtlpEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[OtlpEndpointVariable]);

    /// <summary>
    /// Registers the providers: metrics when exporting anywhere, traces and logs when exporting over OTLP.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The host's configuration, with <see cref="AddOtelEnvironment"/> applied.</param>
    /// <param name="prometheus">Whether <c>/metrics</c> is served (<c>run --http</c>).</param>
    /// <param name="instance">This process's name in the cluster, as <c>service.instance.id</c>.</param>
    /// <returns>Whether anything was registered (call <see cref="Start"/> once the host is built).</returns>
    public static bool AddArticleTelemetry(this IServiceCollection services, IConfiguration configuration, bool prometheus, string? instance = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        bool otlp = OtlpEnabled(configuration);
        if (!otlp && !prometheus)
        {
            return false;
        }

        // The meter's instruments, for the commands besides run that count on it (crawl).
        services.TryAddSingleton<PipelineMetrics>();
        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(ServiceName, serviceInstanceId: instance, autoGenerateServiceInstanceId: instance is null);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineMetrics.MeterName, PollyMeter)
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(PipelineActivities.SourceName)
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter(), options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        }

        return true;
    }

    /// <summary>
    /// Builds the providers now. The hosted service of OpenTelemetry.Extensions.Hosting would do it when the host
    /// starts, but the one-shot commands (<c>crawl</c>, <c>rerun</c>, ...) never start theirs; without a provider
    /// nothing listens and no span is made. The container disposes them, which flushes what is buffered.
    /// </summary>
    /// <param name="services">The built container.</param>
    public static void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<LoggerProvider>();
    }
}
