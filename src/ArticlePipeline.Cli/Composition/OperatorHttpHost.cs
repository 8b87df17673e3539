using ArticlePipeline.Core.Composition;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.OperatorConsole;
using ArticlePipeline.OperatorConsole.Composition;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.Scheduling;
using ArticlePipeline.Worker.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The HTTP side of <c>run --http ADDRESS:PORT</c>: Kestrel on one address, the security middleware in front of
/// everything, the operations endpoints and the operator console.
/// </summary>
/// <remarks>
/// The web application is the run's host itself (<see cref="CliHost.Create"/> builds it from a
/// <see cref="WebApplicationBuilder"/> when <c>--http</c> is given), so an endpoint resolves the run's services from
/// <c>HttpContext.RequestServices</c> or its handler's parameters: <c>IPipelineStateStore</c>, <c>IStateStore</c>,
/// <c>SourceDirectory</c> (the catalog the run loaded), <c>IOptions&lt;...&gt;</c> of any section, <c>JsonRecordSink</c>.
/// </remarks>
internal static class OperatorHttpHost
{
    /// <summary>Parses the <c>--http</c> value.</summary>
    /// <exception cref="UsageException">It is not ADDRESS:PORT.</exception>
    public static HttpBinding Parse(string text) =>
        HttpBinding.TryParse(text, out HttpBinding? binding, out string? problem) ? binding! : throw new UsageException(problem!);

    /// <summary>
    /// Refuses to serve beyond this machine without an access token: the console shows what the archive holds and
    /// what failed, which is nobody else's business.
    /// </summary>
    /// <exception cref="UsageException">A non-loopback address and no <c>Console:AccessToken</c>, or a token too short to resist guessing.</exception>
    public static void CheckAccess(HttpBinding binding, string? accessToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (string.IsNullOrEmpty(accessToken))
        {
            if (!binding.IsLoopback)
            {
                throw new UsageException(
                    $"--http {binding}: {binding.EndPoint.Address} is reachable from other machines; set Console:AccessToken "
                    + "(e.g. ARTICLEPIPELINE__Console__AccessToken, at least 16 characters) so that requests need it, or listen on 127.0.0.1");
            }

            return;
        }

        if (accessToken.Length < 16)
        {
            throw new UsageException("Console:AccessToken is shorter than 16 characters; use a long random value (e.g. openssl rand -hex 24)");
        }
    }

    /// <summary>The services of the HTTP side: the <c>Console</c> section and what the console needs.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSection<ConsoleAccessOptions>(ConsoleAccessOptions.SectionName);
        AddConsoleServices(services, configuration);
    }

    /// <summary>Builds the web application: Kestrel on <paramref name="binding"/>, then the middleware and the endpoints.</summary>
    /// <param name="builder">The run's host builder, every service registered.</param>
    /// <param name="binding">Where to listen.</param>
    /// <param name="log">Where the listening address is announced once Kestrel is bound.</param>
    public static WebApplication Build(WebApplicationBuilder builder, HttpBinding binding, TextWriter log)
    {
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(binding.EndPoint);
            kestrel.AddServerHeader = false;

            // GET and HEAD only (and small CSP reports): nothing needs a large body.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        builder.Services.AddRoutingCore();

        WebApplication app = builder.Build();
        string? token = app.Services.GetRequiredService<IOptions<ConsoleAccessOptions>>().Value.AccessToken;
        app.UseOperatorSecurity(token);
        app.MapOperatorEndpoints();
        MapConsoleEndpoints(app);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // The bound address, so port 0 (any free port) is usable too.
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? binding.ToString();
            log.WriteLine($"info: HTTP endpoints on {address} (/healthz, /readyz, /metrics, console at /console/{(string.IsNullOrEmpty(token) ? string.Empty : "; access token required")})");
        });
        return app;
    }

    /// <summary>
    /// The operator console's services: the run's record folder, its loaded sources and its schedule settings, beside
    /// the <c>Console</c> section (bound to <see cref="ConsoleAccessOptions"/> for the token and to
    /// <see cref="OperatorConsoleOptions"/> for the budget and page size).
    /// </summary>
    private static void AddConsoleServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOperatorConsole(_ => { });
        services.AddOptions<OperatorConsoleOptions>()
            .Configure<JsonRecordSink, SourceCatalog, IOptions<SchedulerOptions>>((console, sink, catalog, scheduler) =>
            {
                console.OutputDirectory = sink.Root;
                console.Sources = [.. catalog.Sources];
                console.DefaultSchedule = scheduler.Value.DefaultSchedule;
                console.TimeZone = scheduler.Value.TimeZone;
            });
    }

    /// <summary>
    /// The operator console's pages are mapped here (<c>app.MapOperatorConsole()</c>): after the security middleware,
    /// so its headers, method check and token check apply to every page, and beside <c>/healthz</c>, <c>/readyz</c>
    /// and <c>/metrics</c>, whose paths it must leave alone.
    /// </summary>
    private static void MapConsoleEndpoints(WebApplication app) => app.MapOperatorConsole();
}
