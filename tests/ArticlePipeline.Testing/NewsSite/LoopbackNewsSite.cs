using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ArticlePipeline.Testing.NewsSite;

/// <summary>
/// A real HTTP server on 127.0.0.1 playing a news site: pages registered by path (or a sequence of answers, or a
/// generator for any path), files served from a folder (the offline sample), faults on chosen paths, conditional GET
/// (ETag / Last-Modified, 304), and a request log with arrival and completion times and the requests in flight, that
/// tests assert on. Unknown paths answer 404. Several instances are several hosts (host:port).
/// </summary>
public sealed class LoopbackNewsSite : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<long, byte[]> Bombs = new();
    private static readonly DateTimeOffset AutoLastModified = new(2025, 6, 23, 0, 30, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SiteResponse> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<SiteResponse>> _sequences = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Entry> _log = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _folder;
    private int _inFlight;

    private LoopbackNewsSite(WebApplication app, string? folder)
    {
        _app = app;
        _folder = folder;
    }

    /// <summary>The site's base URL, e.g. <c>http://127.0.0.1:43125/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The site's host and port, the key of per-host politeness.</summary>
    public string Authority => BaseUrl.Authority;

    /// <summary>Every request received, in order of arrival.</summary>
    public IReadOnlyCollection<LoggedRequest> Requests => _log.Select(e => e.ToRecord()).ToList();

    /// <summary>Every request except those for /robots.txt, in order of arrival.</summary>
    public IReadOnlyList<LoggedRequest> PageRequests => Requests.Where(r => r.Path != "/robots.txt").ToList();

    /// <summary>
    /// Adds an ETag (a hash of the body) and a fixed Last-Modified to every 200 that has none, so a client that sends
    /// them back gets 304.
    /// </summary>
    public bool AutoValidators { get; set; }

    /// <summary>Whether requests are kept in <see cref="Requests"/> (turn off for very long runs, e.g. memory benchmarks).</summary>
    public bool KeepLog { get; set; } = true;

    /// <summary>Answers paths that have no registered page (before the folder and 404): return null to decline.</summary>
    public Func<string, SiteResponse?>? Fallback { get; set; }

    /// <summary>Starts a site; files under <paramref name="folder"/> are served when no page is registered for a path.</summary>
    public static async Task<LoopbackNewsSite> StartAsync(string? folder = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AllowSynchronousIO = false);
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var site = new LoopbackNewsSite(app, folder);
        app.Run(site.HandleAsync);
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First() + "/");
        return site;
    }

    /// <summary>A base URL on 127.0.0.1 where nothing listens (connections are refused): a dead host.</summary>
    public static Uri DeadHost()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this site.</summary>
    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Registers (or replaces) the answer for <paramref name="path"/>.</summary>
    public void Set(string path, SiteResponse response) => _pages[Key(path)] = response;

    /// <summary>Answers <paramref name="path"/> with each response in turn; the last one then repeats.</summary>
    public void SetSequence(string path, params SiteResponse[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        _sequences[Key(path)] = new Queue<SiteResponse>(responses);
    }

    /// <summary>Waits until no request is in flight (the log's completion times are then all set).</summary>
    public async Task WaitIdleAsync(TimeSpan? timeout = null)
    {
        DateTime until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(5);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static string Key(string path) => "/" + path.TrimStart('/');

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        string pathAndQuery = path + context.Request.QueryString;
        var entry = new Entry(
            pathAndQuery,
            context.Request.Headers.UserAgent.ToString(),
            Header(context.Request.Headers.IfNoneMatch),
            Header(context.Request.Headers.IfModifiedSince),
            DateTimeOffset.UtcNow,
            Interlocked.Increment(ref _inFlight));
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            SiteResponse response = Conditional(Find(path, pathAndQuery), context.Request);
            entry.Status = response.Status;
            if (KeepLog)
            {
                _log.Enqueue(entry);
            }

            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, aborted.Token);
            }

            await WriteAsync(context, response, aborted.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away (it gave up on a stalled or huge body): part of the play, not an error.
        }
        finally
        {
            if (entry.Status == -1 && KeepLog)
            {
                _log.Enqueue(entry);
            }

            entry.Completed = DateTimeOffset.UtcNow;
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private SiteResponse Find(string path, string pathAndQuery)
    {
        foreach (string key in new[] { pathAndQuery, path })
        {
            if (_sequences.TryGetValue(key, out Queue<SiteResponse>? sequence))
            {
                lock (sequence)
                {
                    return sequence.Count > 1 ? sequence.Dequeue() : sequence.Peek();
                }
            }

            if (_pages.TryGetValue(key, out SiteResponse? page))
            {
                return page;
            }
        }

        return Fallback?.Invoke(pathAndQuery) ?? FromFolder(path) ?? SiteResponse.StatusOnly(404);
    }

    private SiteResponse Conditional(SiteResponse response, HttpRequest request)
    {
        if (response.Status != 200 || response.Fault != SiteFault.None)
        {
            return response;
        }

        var headers = new Dictionary<string, string>(response.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        if (AutoValidators)
        {
            headers.TryAdd("ETag", "\"" + Convert.ToHexStringLower(SHA256.HashData(response.Body).AsSpan(0, 8)) + "\"");
            headers.TryAdd("Last-Modified", AutoLastModified.ToString("R", CultureInfo.InvariantCulture));
        }

        response = response with { Headers = headers };
        headers.TryGetValue("ETag", out string? etag);
        string? ifNoneMatch = Header(request.Headers.IfNoneMatch);
        bool notModified;
        if (ifNoneMatch is not null)
        {
            notModified = etag is not null && (ifNoneMatch.Trim() == "*" ||
                ifNoneMatch.Split(',').Any(t => string.Equals(t.Trim().Replace("W/", string.Empty, StringComparison.Ordinal), etag, StringComparison.Ordinal)));
        }
        else
        {
            notModified = headers.TryGetValue("Last-Modified", out string? lastModified) &&
                DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset modified) &&
                Header(request.Headers.IfModifiedSince) is { } since &&
                DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset sinceDate) &&
                modified <= sinceDate;
        }

        return notModified ? new SiteResponse([], null, 304, headers) : response;
    }

    private static async Task WriteAsync(HttpContext context, SiteResponse response, CancellationToken cancellationToken)
    {
        if (response.Fault == SiteFault.Reset)
        {
            context.Abort();
            return;
        }

        HttpResponse answer = context.Response;
        answer.StatusCode = response.Status;
        if (response.ReasonPhrase is not null)
        {
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = response.ReasonPhrase;
        }
        if (response.ContentType is not null)
        {
            answer.ContentType = response.ContentType;
        }

        foreach ((string name, string value) in response.Headers ?? new Dictionary<string, string>())
        {
            answer.Headers[name] = value;
        }

        switch (response.Fault)
        {
            case SiteFault.TruncatedBody:
                answer.ContentLength = response.Body.Length;
                await answer.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), cancellationToken);
                await answer.Body.FlushAsync(cancellationToken);

                // Let the client read the headers and the first half before the connection goes: a reset arriving
                // with them could discard them unread, and the client would see a failed request, not a cut body.
                await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
                context.Abort();
                return;
            case SiteFault.StalledBody:
                answer.ContentLength = response.Body.Length;
                await answer.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), cancellationToken);
                await answer.Body.FlushAsync(cancellationToken);
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return;
            case SiteFault.HugeBody:
                answer.ContentType = "text/html; charset=utf-8";
                if (response.AnnounceLength)
                {
                    answer.ContentLength = response.FaultLength;
                }

                byte[] chunk = new byte[64 * 1024];
                chunk.AsSpan().Fill((byte)'x');
                for (long sent = 0; sent < response.FaultLength; sent += chunk.Length)
                {
                    int size = (int)Math.Min(chunk.Length, response.FaultLength - sent);
                    await answer.Body.WriteAsync(chunk.AsMemory(0, size), cancellationToken);
                }

                return;
            case SiteFault.GzipBomb:
                byte[] bomb = Bombs.GetOrAdd(response.FaultLength, Compress);
                answer.ContentType = "text/html; charset=utf-8";
                answer.Headers[HeaderNames.ContentEncoding] = "gzip";
                answer.ContentLength = bomb.Length;
                await answer.Body.WriteAsync(bomb, cancellationToken);
                return;
        }

        if (response.Body.Length > 0)
        {
            await answer.Body.WriteAsync(response.Body, cancellationToken);
        }
    }

    private static byte[] Compress(long inflatedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written < inflatedBytes; written += zeros.Length)
            {
                gzip.Write(zeros, 0, (int)Math.Min(zeros.Length, inflatedBytes - written));
            }
        }

        return output.ToArray();
    }

    private static string? Header(Microsoft.Extensions.Primitives.StringValues value) => value.Count > 0 ? value.ToString() : null;

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

    /// <summary>A request as it happens; completed when the answer is written.</summary>
    private sealed class Entry(string path, string? userAgent, string? ifNoneMatch, string? ifModifiedSince, DateTimeOffset at, int inFlight)
    {
        public int Status { get; set; } = -1;

        public DateTimeOffset? Completed { get; set; }

        public LoggedRequest ToRecord() =>
            new(path, Math.Max(Status, 0), userAgent, ifNoneMatch, at, Completed, inFlight, ifModifiedSince);
    }
}
