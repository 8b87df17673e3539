using ArticlePipeline.Core.Sources;
using ArticlePipeline.OperatorConsole.Composition;
using ArticlePipeline.State.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.OperatorConsole.Tests;

/// <summary>
/// A small Kestrel host on 127.0.0.1:0 serving the console over an output folder, with the strict
/// Content-Security-Policy production sends (the host sets it; the console keeps it).
/// </summary>
internal sealed class ConsoleTestHost : IAsyncDisposable
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly WebApplication _app;

    private ConsoleTestHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<ConsoleTestHost> StartAsync(string outputDirectory, IList<SourceDefinition> sources, long monthlyBudget = 0)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddArticleState(_ => outputDirectory);
        builder.Services.AddOperatorConsole(options =>
        {
            options.OutputDirectory = outputDirectory;
            options.Sources = sources;
            options.MonthlyCharacterBudget = monthlyBudget;
        });
        WebApplication app = builder.Build();
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        app.MapOperatorConsole();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ConsoleTestHost(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
