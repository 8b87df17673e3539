using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// Re-extracts a record from its capture, without the network (<c>reprocess</c>): the stored response is read back,
/// decoded as the fetcher decodes, and the page goes through the same extraction, translation and write as a fetched one;
/// the sink writes a new revision only when something changed, and the translation memory serves every segment that
/// did not.
/// </summary>
public sealed class CaptureReprocessor
{
    private readonly ICaptureStore _captures;
    private readonly ArticleProcessor _processor;
    private readonly Func<HttpExchange, CancellationToken, Task<(byte[]? Body, string? Reason, string? Detail)>> _decode;

    /// <summary>Creates the reprocessor.</summary>
    /// <param name="captures">Where responses are kept.</param>
    /// <param name="processor">The page pipeline.</param>
    /// <param name="decode">
    /// The fetcher's decoding of a payload as received into the body it would have handed on (content codings undone
    /// under <c>Network:MaxBodyBytes</c>), or why it cannot.
    /// </param>
    public CaptureReprocessor(
        ICaptureStore captures,
        ArticleProcessor processor,
        Func<HttpExchange, CancellationToken, Task<(byte[]? Body, string? Reason, string? Detail)>> decode)
    {
        ArgumentNullException.ThrowIfNull(captures);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(decode);
        _captures = captures;
        _processor = processor;
        _decode = decode;
    }

    /// <summary>Re-extracts one record.</summary>
    /// <param name="record">The stored record.</param>
    /// <param name="source">Its configured source (the profile to extract with), if any.</param>
    /// <param name="dryRun">Only decide whether it would change.</param>
    /// <param name="cancellationToken">Cancels; a write in progress completes.</param>
    /// <returns>
    /// The outcome: <see cref="ArticleOutcomeKind.Written"/> (changed; with <paramref name="dryRun"/>, would change),
    /// <see cref="ArticleOutcomeKind.Unchanged"/>, or <see cref="ArticleOutcomeKind.Failed"/> with <c>no-capture</c>,
    /// <c>source-not-configured</c>, <c>capture-unreadable</c>, a decoding reason, an extraction reason or
    /// <c>rekeyed</c> (the page now makes another record; nothing is written).
    /// </returns>
    public async Task<ArticleOutcome> ReprocessAsync(ArticleRecord record, SourceDefinition? source, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Uri url = new(record.FetchedUrl ?? record.Url);
        if (record.Capture is not { } capture)
        {
            return ArticleOutcome.Failure(url, "no-capture", "the record names no capture (fetched before captures were kept, or read from a file)");
        }

        if (source is null && record.Source.Id != ArticleProcessor.AdhocSourceId)
        {
            return ArticleOutcome.Failure(url, "source-not-configured", $"source '{record.Source.Id}' is not in the sources file: without its profile and rules the record is left as it is");
        }

        HttpExchange? exchange = await _captures.ReadAsync(capture, cancellationToken).ConfigureAwait(false);
        if (exchange is null)
        {
            return ArticleOutcome.Failure(url, "capture-unreadable", $"{capture.WarcFile} at {capture.Offset}: the capture is missing or damaged");
        }

        (byte[]? body, string? reason, string? detail) = await _decode(exchange, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ArticleOutcome.Failure(url, reason!, detail);
        }

        var page = new PageContent(record.FetchedUrl is null ? exchange.TargetUri : url, body, Header(exchange, "Content-Type"));
        return await _processor
            .ProcessPageAsync(page, record.FetchedAt, source, new ProcessOptions(DryRun: dryRun, Key: RecordKey.Of(record)), capture, cancellationToken)
            .ConfigureAwait(false);
    }

    private static string? Header(HttpExchange exchange, string name)
    {
        string[] values = [.. exchange.ResponseHeaderValues(name)];
        return values.Length == 0 ? null : string.Join(", ", values);
    }
}
