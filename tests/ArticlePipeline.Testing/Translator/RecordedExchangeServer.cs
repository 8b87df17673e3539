using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Testing.Translator;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers every request with one recorded response (status, headers, body), and logs
/// what it received, so a client can be checked against a real Translator exchange.
/// </summary>
public sealed class RecordedExchangeServer : IAsyncDisposable
{
    // Framing and connection headers belong to the recorded connection, not to the replay.
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Transfer-Encoding", "Connection", "Content-Length", "Content-Type", "Date", "Keep-Alive",
    };

    private readonly WebApplication _app;
    private readonly RecordedExchange _exchange;
    private readonly Lock _lock = new();
    private readonly List<LoopbackTranslatorRequest> _requests = [];

    private RecordedExchangeServer(WebApplication app, RecordedExchange exchange)
    {
        _app = app;
        _exchange = exchange;
        app.Run(HandleAsync);
    }

    /// <summary>The server's address: <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>A snapshot of the requests received so far.</summary>
    public IReadOnlyList<LoopbackTranslatorRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server replaying <paramref name="exchange"/>'s response.</summary>
    /// <param name="exchange">The recorded exchange.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public static async Task<RecordedExchangeServer> StartAsync(RecordedExchange exchange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var server = new RecordedExchangeServer(app, exchange);
        await app.StartAsync(cancellationToken);
        server.Endpoint = new Uri(app.Urls.First());
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string body = await TranslatorWire.ReadBodyAsync(request, context.RequestAborted);
        lock (_lock)
        {
            _requests.Add(new LoopbackTranslatorRequest(
                _requests.Count + 1,
                request.Method,
                request.Path.Value ?? string.Empty,
                request.QueryString.Value ?? string.Empty,
                TranslatorWire.QueryPairs(request),
                TranslatorWire.Headers(request),
                body,
                TranslatorWire.TryParseTexts(body) ?? [],
                _exchange.StatusCode,
                null));
        }

        HttpResponse response = context.Response;
        response.StatusCode = _exchange.StatusCode;
        foreach ((string name, IReadOnlyList<string> values) in _exchange.ResponseHeaders)
        {
            if (!SkippedHeaders.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(_exchange.ResponseBody);
        response.ContentType = _exchange.ResponseHeader("Content-Type") ?? "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }
}
