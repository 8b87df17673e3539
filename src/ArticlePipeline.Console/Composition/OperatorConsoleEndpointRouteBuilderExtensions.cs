using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ArticlePipeline.OperatorConsole.Html;
using ArticlePipeline.OperatorConsole.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ArticlePipeline.OperatorConsole.Composition;

/// <summary>Maps the operator console's pages under <see cref="ConsolePaths.Root"/>.</summary>
public static class OperatorConsoleEndpointRouteBuilderExtensions
{
    /// <summary>The policy the console sends when the host set none: nothing but its own stylesheet may load.</summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>What the console answers: reads only (a HEAD gets a GET's headers without its body).</summary>
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps the console: <c>/console</c> (to the sources page), <c>/console/sources</c>, <c>/console/translation</c>,
    /// <c>/console/records</c> (<c>?q=</c>, <c>source=</c>, <c>page=</c>), <c>/console/records/{source}/{id}</c> and
    /// <c>/console/console.css</c> and <c>/console/favicon.svg</c>. Every page is HTML, or JSON when the request accepts <c>application/json</c> and
    /// not <c>text/html</c>. Only GET and HEAD are mapped: the console changes nothing.
    /// </summary>
    /// <param name="endpoints">The endpoints (the host's <c>WebApplication</c>).</param>
    /// <returns>The console's route group, for the host's conventions (authorization, rate limits).</returns>
    public static RouteGroupBuilder MapOperatorConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder group = endpoints.MapGroup(ConsolePaths.Root);
        group.MapMethods("", ReadMethods, () => Results.Redirect(ConsolePaths.Sources));
        group.MapMethods("/", ReadMethods, () => Results.Redirect(ConsolePaths.Sources));
        group.MapMethods("/console.css", ReadMethods, (HttpContext context) => StaticFile(context, ConsoleStaticFiles.Stylesheet, "text/css; charset=utf-8"));
        group.MapMethods("/favicon.svg", ReadMethods, (HttpContext context) => StaticFile(context, ConsoleStaticFiles.Icon, "image/svg+xml"));
        group.MapMethods("/sources", ReadMethods, async (HttpContext context, SourcesPage page) =>
        {
            SourcesView view = await page.LoadAsync(context.RequestAborted).ConfigureAwait(false);
            await RespondAsync(context, view, ConsoleJsonContext.Default.SourcesView, page.Render).ConfigureAwait(false);
        });
        group.MapMethods("/translation", ReadMethods, async (HttpContext context, TranslationPage page) =>
        {
            TranslationView view = await page.LoadAsync(context.RequestAborted).ConfigureAwait(false);
            await RespondAsync(context, view, ConsoleJsonContext.Default.TranslationView, page.Render).ConfigureAwait(false);
        });
        group.MapMethods("/records", ReadMethods, async (HttpContext context, RecordsPage page) =>
        {
            IQueryCollection query = context.Request.Query;
            RecordsView view = await page.LoadAsync(query["q"], query["source"], query["page"], context.RequestAborted).ConfigureAwait(false);
            await RespondAsync(context, view, ConsoleJsonContext.Default.RecordsView, page.Render).ConfigureAwait(false);
        });
        group.MapMethods("/records/{source}/{id}", ReadMethods, async (HttpContext context, string source, string id, ArticlePage page) =>
        {
            ArticleView? view = await page.LoadAsync(source, id, context.RequestAborted).ConfigureAwait(false);
            if (view is null)
            {
                await NotFoundAsync(context, $"no record {source}/{id}").ConfigureAwait(false);
                return;
            }

            await RespondAsync(context, view, ConsoleJsonContext.Default.ArticleView, page.Render).ConfigureAwait(false);
        });
        return group;
    }

    /// <summary>Whether the request asks for JSON: it accepts <c>application/json</c> and not <c>text/html</c> (a browser).</summary>
    internal static bool WantsJson(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accept = request.GetTypedHeaders().Accept;
        bool json = accept.Any(static m => m.Quality is not 0 && (m.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || m.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));
        bool html = accept.Any(static m => m.Quality is not 0 && m.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        return json && !html;
    }

    private static async Task RespondAsync<T>(HttpContext context, T view, JsonTypeInfo<T> json, Func<T, string> html)
    {
        Secure(context.Response);
        if (WantsJson(context.Request))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, view, json, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html(view), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task NotFoundAsync(HttpContext context, string error)
    {
        Secure(context.Response);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        if (WantsJson(context.Request))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, new ConsoleError(404, error), ConsoleJsonContext.Default.ConsoleError, context.RequestAborted)
                .ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        string page = ConsoleLayout.Page("Not found", ConsolePaths.Records, html => html.Element("p", error));
        await context.Response.WriteAsync(page, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private static IResult StaticFile(HttpContext context, byte[] content, string contentType)
    {
        Secure(context.Response);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(content, contentType);
    }

    /// <summary>Headers every console response carries; the host's own Content-Security-Policy, when set, is kept.</summary>
    private static void Secure(HttpResponse response)
    {
        IHeaderDictionary headers = response.Headers;
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = DefaultContentSecurityPolicy;
        }

        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.Vary = HeaderNames.Accept;
    }
}
