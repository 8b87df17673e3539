using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Testing.NewsSite;

/// <summary>
/// A real HTTP server on 127.0.0.1 playing a news site: pages registered by path, or files served from a folder
/// (the offline sample), with a request log tests assert on. Unknown paths answer 404.
/// </summary>
public sealed class LoopbackNewsSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SiteResponse> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoggedRequest> _log = new();
    private readonly string? _folder;

    private LoopbackNewsSite(WebApplication app, string? folder)
    {
        _app = app;
        _folder = folder;
    }

    /// <summary>The site's base URL, e.g. <c>http://127.0.0.1:43125/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyCollection<LoggedRequest> Requests => _log;

    /// <summary>Starts a site; files under <paramref name="folder"/> are served when no page is registered for a path.</summary>
    public static async Task<LoopbackNewsSite> StartAsync(string? folder = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var site = new LoopbackNewsSite(app, folder);
        app.Run(site.HandleAsync);
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First() + "/");
        return site;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this site.</summary>
    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Registers (or replaces) the answer for <paramref name="path"/>.</summary>
    public void Set(string path, SiteResponse response) => _pages["/" + path.TrimStart('/')] = response;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        SiteResponse response = _pages.TryGetValue(path + context.Request.QueryString, out SiteResponse? exact) ? exact
            : _pages.TryGetValue(path, out SiteResponse? page) ? page
            : FromFolder(path) ?? SiteResponse.StatusOnly(404);
        _log.Enqueue(new LoggedRequest(
            path + context.Request.QueryString,
            response.Status,
            context.Request.Headers.UserAgent.ToString(),
            context.Request.Headers.IfNoneMatch.Count > 0 ? context.Request.Headers.IfNoneMatch.ToString() : null,
            DateTimeOffset.UtcNow));

        context.Response.StatusCode = response.Status;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        foreach ((string name, string value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            await context.Response.Body.WriteAsync(response.Body);
        }
    }

    private SiteResponse? FromFolder(string path)
    {
        if (_folder is null)
        {
            return null;
        }

        string relative = Uri.UnescapeDataString(path.TrimStart('/'));
        if (relative.Length == 0)
        {
            relative = "index.html";
        }

        string full = Path.GetFullPath(Path.Combine(_folder, relative));
        if (!full.StartsWith(Path.GetFullPath(_folder), StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        string type = Path.GetExtension(full) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".xml" => "application/xml",
            ".txt" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };
        return new SiteResponse(File.ReadAllBytes(full), type);
    }
}
