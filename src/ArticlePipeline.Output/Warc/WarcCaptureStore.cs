using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Output.Warc;

/// <summary>
/// Keeps fetched exchanges in WARC/1.1 files under <c>{out}/warc/</c>: for each exchange a <c>response</c> record
/// (status line, headers and payload bytes as received) followed by its <c>request</c> record, linked by
/// <c>WARC-Concurrent-To</c>; one gzip member per record; a <c>warcinfo</c> record first in every file; a new file
/// when the next exchange would take the current one past the size limit.
/// </summary>
/// <remarks>
/// <para>Durability: <see cref="StoreAsync"/> returns once both records are flushed to disk. A write that fails is
/// cut back off the file, so readers never meet half a record. A process killed mid-write leaves a torn last record
/// and the file's marker (<c>NAME.warc.gz.open</c>, locked while a writer lives); the next store to open a file in
/// the folder, in any process, cuts that file after its last complete record and removes the marker. Files of
/// live writers are never touched: each process writes files of its own (the name carries host and process id).</para>
/// <para>Thread-safe: concurrent stores are written one after the other. One store per process and output folder.</para>
/// </remarks>
public sealed partial class WarcCaptureStore : ICaptureStore, IAsyncDisposable, IDisposable
{
    /// <summary>The default size limit of one file: 1 GiB.</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>The folder under the output folder that holds the files.</summary>
    public const string FolderName = "warc";

    // Records are compressed before the lock is taken, so this costs CPU in parallel, not time in the queue. Fastest:
    // on 1,052 corpus pages (bench: Output.Benchmarks warc) it halves the CPU of Optimal (0.9 against 1.6 ms a page,
    // 5 % of extracting the page) for 5 % more bytes when the server sent the page gzip-encoded, as most do.
    private const CompressionLevel Level = CompressionLevel.Fastest;

    private static readonly string Software = "ArticlePipeline/" +
        (typeof(WarcCaptureStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private static int _serial;

    private readonly string _root;
    private readonly string _folder;
    private readonly long _maxFileBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WarcFile? _current;
    private bool _disposed;

    /// <summary>Creates a store writing under <paramref name="outputDirectory"/><c>/warc</c>; nothing is opened until the first store.</summary>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="maxFileBytes">The size at which a new file is started (<c>Output:WarcMaxBytes</c>).</param>
    /// <param name="timeProvider">Clock for WARC-Date of warcinfo records and file names; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">Where repairs of torn files are reported; nowhere when <see langword="null"/>.</param>
    public WarcCaptureStore(string outputDirectory, long maxFileBytes = DefaultMaxFileBytes, TimeProvider? timeProvider = null, ILogger<WarcCaptureStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        _root = Path.GetFullPath(outputDirectory);
        _folder = Path.Combine(_root, FolderName);
        _maxFileBytes = maxFileBytes;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The output folder's full path; <see cref="PageCapture.WarcFile"/> is relative to it.</summary>
    public string Root => _root;

    /// <summary>Whether feeds and sitemaps are kept too (<c>Output:WarcDiscovery</c>); article responses always are.</summary>
    public bool KeepsDiscovery { get; init; }

    /// <inheritdoc />
    public bool Keeps(FetchPurpose purpose) => purpose == FetchPurpose.Article || KeepsDiscovery;

    /// <inheritdoc />
    /// <exception cref="StorageFullException">The disk is full; nothing of this exchange stays in the file.</exception>
    /// <exception cref="IOException">Another write failure; nothing of this exchange stays in the file.</exception>
    public async Task<PageCapture> StoreAsync(HttpExchange exchange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        cancellationToken.ThrowIfCancellationRequested();
        (byte[] response, byte[] request, string digest) = Compose(exchange);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WarcFile file = FileFor(response.LongLength + request.LongLength);
            long offset = file.Append([.. response, .. request]);
            string relative = FolderName + "/" + Path.GetFileName(file.FullPath);
            return new PageCapture(relative, offset, response.LongLength, digest);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The record must be a response whose <c>WARC-Payload-Digest</c> is the capture's digest. The request headers
    /// come from the request record written right after it. A path outside <c>{out}/warc/</c> reads as missing.
    /// </remarks>
    public Task<HttpExchange?> ReadAsync(PageCapture capture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capture);
        cancellationToken.ThrowIfCancellationRequested();
        string? path = Resolve(capture.WarcFile);
        if (path is null || !File.Exists(path))
        {
            return Task.FromResult<HttpExchange?>(null);
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            long size = file.Length;
            if (capture.Offset < 0 || capture.Length <= 0 || capture.Offset > size || capture.Length > size - capture.Offset)
            {
                return Task.FromResult<HttpExchange?>(null);
            }

            WarcRecord response = WarcReader.ReadMember(file, capture.Offset, capture.Length);
            if (response.Type != "response" || response.Field("WARC-Payload-Digest") != capture.Digest)
            {
                return Task.FromResult<HttpExchange?>(null);
            }

            WarcRecord? request = null;
            long next = capture.Offset + capture.Length;
            if (next < size)
            {
                try
                {
                    WarcRecord candidate = WarcReader.ReadMember(file, next, GzipMember.ReadLength(file, next, size - next));
                    request = candidate.Type == "request" && candidate.Field("WARC-Concurrent-To") == response.RecordId ? candidate : null;
                }
                catch (InvalidDataException)
                {
                    // The request is optional: the response alone is the capture.
                }
            }

            return Task.FromResult<HttpExchange?>(WarcReader.ToExchange(response, request));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Damaged, cut short or unreadable: the capture is missing, which reprocess counts as that record's failure.
            return Task.FromResult<HttpExchange?>(null);
        }
    }

    /// <summary>Closes the current file and removes its marker.</summary>
    public void Dispose()
    {
        _gate.Wait();
        Close();
    }

    /// <summary>Closes the current file and removes its marker, after a store in progress.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        Close();
    }

    private void Close()
    {
        if (_disposed)
        {
            _gate.Release();
            return;
        }

        _disposed = true;
        _current?.Dispose();
        _current = null;
        _gate.Release();
    }

    private WarcFile FileFor(long size)
    {
        if (_current is { Broken: false } current && (current.Captures == 0 || current.Length + size <= _maxFileBytes))
        {
            return current;
        }

        _current?.Dispose();
        _current = null;
        try
        {
            foreach (WarcRecovery.Repair repair in WarcRecovery.RecoverAbandoned(_folder, Environment.MachineName))
            {
                LogRepaired(repair.Path, repair.Records, repair.RemovedBytes);
            }

            Directory.CreateDirectory(_folder);
            for (int attempt = 0; ; attempt++)
            {
                string name = WarcFileName.Create(_time.GetUtcNow(), Interlocked.Increment(ref _serial), Environment.MachineName, Environment.ProcessId);
                string path = Path.Combine(_folder, name);
                if (File.Exists(path) || File.Exists(path + WarcFile.MarkerSuffix))
                {
                    if (attempt < 100)
                    {
                        continue;
                    }

                    throw new IOException($"no free WARC file name in {_folder}");
                }

                try
                {
                    _current = WarcFile.Create(path, GzipMember.Compress(WarcInfo(name), Level));
                    return _current;
                }
                catch (IOException ex) when (attempt < 3 && !StorageFullException.IsStorageFull(ex))
                {
                    // Another process took the name, or took the new marker for a dead writer's in the instant between
                    // its creation and its lock (it then removes it): try the next name.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not StorageFullException)
        {
            string message = $"cannot start a WARC file in {_folder}: {ex.Message}";
            throw StorageFullException.IsStorageFull(ex) ? new StorageFullException(message, ex) : new IOException(message, ex);
        }
    }

    private byte[] WarcInfo(string fileName)
    {
        byte[] block = Encoding.UTF8.GetBytes(
            $"software: {Software}\r\n" +
            "format: WARC File Format 1.1\r\n" +
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n" +
            $"hostname: {WarcFileName.SafeHost(Environment.MachineName)}\r\n");
        return WarcFormat.Record(
            [
                new("WARC-Type", "warcinfo"),
                new("WARC-Record-ID", WarcFormat.NewRecordId()),
                new("WARC-Date", WarcFormat.FormatDate(_time.GetUtcNow())),
                new("WARC-Filename", fileName),
                new("Content-Type", "application/warc-fields"),
                new("WARC-Block-Digest", WarcFormat.Sha1(block)),
            ],
            block);
    }

    // Both records, compressed, and the payload digest: everything that does not depend on the file.
    private static (byte[] Response, byte[] Request, string PayloadDigest) Compose(HttpExchange exchange)
    {
        string responseId = WarcFormat.NewRecordId();
        string requestId = WarcFormat.NewRecordId();
        string date = WarcFormat.FormatDate(exchange.Date);
        string target = exchange.TargetUri.AbsoluteUri;
        string? address = exchange.RemoteAddress is { } a && IPAddress.TryParse(a.Trim('[', ']'), out IPAddress? ip) ? ip.ToString() : null;

        byte[] responseBlock = HttpBlock.Response(exchange.HttpVersion, exchange.Status, exchange.Reason, exchange.ResponseHeaders.IsDefault ? [] : exchange.ResponseHeaders, exchange.Payload.Span);
        string payloadDigest = WarcFormat.Sha1(exchange.Payload.Span);
        var fields = new List<KeyValuePair<string, string>>(10)
        {
            new("WARC-Type", "response"),
            new("WARC-Record-ID", responseId),
            new("WARC-Date", date),
            new("WARC-Target-URI", target),
        };
        if (address is not null)
        {
            fields.Add(new("WARC-IP-Address", address));
        }

        fields.Add(new("WARC-Concurrent-To", requestId));
        fields.Add(new("Content-Type", WarcFormat.ResponseContentType));
        fields.Add(new("WARC-Payload-Digest", payloadDigest));
        fields.Add(new("WARC-Block-Digest", WarcFormat.Sha1(responseBlock)));
        byte[] response = GzipMember.Compress(WarcFormat.Record(fields, responseBlock), Level);

        byte[] requestBlock = HttpBlock.Request(exchange.Method, exchange.TargetUri, exchange.HttpVersion, exchange.RequestHeaders.IsDefault ? [] : exchange.RequestHeaders);
        fields.Clear();
        fields.Add(new("WARC-Type", "request"));
        fields.Add(new("WARC-Record-ID", requestId));
        fields.Add(new("WARC-Date", date));
        fields.Add(new("WARC-Target-URI", target));
        if (address is not null)
        {
            fields.Add(new("WARC-IP-Address", address));
        }

        fields.Add(new("WARC-Concurrent-To", responseId));
        fields.Add(new("Content-Type", WarcFormat.RequestContentType));
        fields.Add(new("WARC-Block-Digest", WarcFormat.Sha1(requestBlock)));
        byte[] request = GzipMember.Compress(WarcFormat.Record(fields, requestBlock), Level);
        return (response, request, payloadDigest);
    }

    // A capture's file, only inside {out}/warc/ and only a .warc.gz name.
    private string? Resolve(string relative)
    {
        if (string.IsNullOrEmpty(relative) || !relative.StartsWith(FolderName + "/", StringComparison.Ordinal))
        {
            return null;
        }

        string name = relative[(FolderName.Length + 1)..];
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) ||
            name.StartsWith('.') || !name.EndsWith(WarcFileName.Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        return Path.Combine(_folder, name);
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "{File}: its writer stopped mid-write; {Records} complete record(s) kept, {RemovedBytes} byte(s) of a torn record cut off")]
    private partial void LogRepaired(string file, int records, long removedBytes);
}
