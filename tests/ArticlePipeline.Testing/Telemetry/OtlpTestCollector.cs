using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Testing.Telemetry;

/// <summary>
/// A real OTLP/HTTP collector on 127.0.0.1: accepts <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>
/// (binary protobuf, gzip or not), keeps every request body, and decodes the spans.
/// </summary>
public sealed class OtlpTestCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body, string? ContentType)> _received = new();

    private OtlpTestCollector(WebApplication app) => _app = app;

    /// <summary>The base URL to put in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The content types the exporter sent.</summary>
    public IReadOnlyList<string?> ContentTypes => _received.Select(r => r.ContentType).ToList();

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans => _received.Where(r => r.Signal == "traces").SelectMany(r => OtlpSpan.Decode(r.Body)).ToList();

    /// <summary>The request bodies received for <paramref name="signal"/> (traces, metrics, logs).</summary>
    public IReadOnlyList<byte[]> Bodies(string signal) => _received.Where(r => r.Signal == signal).Select(r => r.Body).ToList();

    public static async Task<OtlpTestCollector> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var collector = new OtlpTestCollector(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            Stream input = context.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
            await input.CopyToAsync(body);
            collector._received.Enqueue((signal, body.ToArray(), context.Request.ContentType));
            context.Response.ContentType = "application/x-protobuf";

            // An empty Export*ServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        collector.Endpoint = new Uri(app.Urls.First());
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
