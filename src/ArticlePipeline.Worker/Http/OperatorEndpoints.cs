using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker.Http;

/// <summary>
/// The operations endpoints of <c>run --http</c>: <c>/healthz</c> (the process answers), <c>/readyz</c> (state store
/// reachable, scheduler started, not shutting down), <c>/metrics</c> (Prometheus text format) and the browser's
/// Content-Security-Policy reports.
/// </summary>
public static partial class OperatorEndpoints
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>The most of a CSP report that is read; browsers send a few hundred bytes.</summary>
    private const int MaxReportBytes = 16 * 1024;

    /// <summary>
    /// Puts <see cref="OperatorSecurity"/> in front of every endpoint: security headers, GET and HEAD only, and the
    /// access token when one is set.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="accessToken">The <c>Console:AccessToken</c>, or <see langword="null"/>.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseOperatorSecurity(this IApplicationBuilder app, string? accessToken) =>
        app.UseMiddleware<OperatorSecurity>(accessToken ?? string.Empty);

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and <c>/csp-report</c>.</summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <returns>The routes.</returns>
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(OperatorSecurity.HealthPath, ReadMethods, static context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("alive\n", context.RequestAborted);
        });
        endpoints.MapMethods("/readyz", ReadMethods, static async context =>
        {
            ReadinessReport report = await context.RequestServices.GetRequiredService<ReadinessProbe>().CheckAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = report.Status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, report, OperatorJsonContext.Default.ReadinessReport, context.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapPost(OperatorSecurity.CspReportPath, static async context =>
        {
            // A violation means some page text tried to load or run something: worth a warning and a count.
            byte[] buffer = new byte[MaxReportBytes];
            int length = 0;
            int read;
            while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            context.RequestServices.GetRequiredService<PipelineMetrics>().CspViolation();
            ILogger logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorEndpoints).FullName!);
            LogCspReport(logger, Core.Text.UntrustedText.Clean(System.Text.Encoding.UTF8.GetString(buffer, 0, length), 2000));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        return endpoints;
    }

    [LoggerMessage(EventId = 240, Level = LogLevel.Warning, Message = "Content-Security-Policy violation reported by a browser: {Report}")]
    private static partial void LogCspReport(ILogger logger, string report);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext;
