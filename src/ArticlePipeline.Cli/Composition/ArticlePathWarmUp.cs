using System.Collections.Immutable;
using System.Diagnostics;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Output.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// <c>run</c>: before the scheduler starts, a page of our own goes once through the path every crawled article takes
/// (extract, normalise, build the record, serialise it). Nothing is fetched, written or counted.
/// </summary>
/// <remarks>
/// A fresh process pays for that path once: code the ReadyToRun build could not precompile (generic instances over the
/// framework's types, the record's JSON metadata), and types and tables made on first use, about 0.4 s of CPU. Paid
/// inside a crawl, it fell on every held host's first article at once, and each of those hosts waited for it before its
/// next request (up to 0.7 s, three workers starting together on two cores). Paid here, before any host is taken, no
/// host waits for it. A failure is logged and the worker starts anyway: it only costs the first articles that time.
/// </remarks>
internal sealed partial class ArticlePathWarmUp : IHostedService
{
    /// <summary>The embedded page, written for this (a provincial news article with its navigation, share bar and related links).</summary>
    internal const string PageResource = "ArticlePipeline.Cli.WarmUpPage.html";

    private static readonly Uri PageUrl = new("https://warm-up.invalid/kinh-te/huyen-ven-song-hoan-thanh-nao-vet-kenh-a101.html");

    private readonly IArticleExtractor _extractor;
    private readonly IArticleNormalizer _normalizer;
    private readonly TimeProvider _time;
    private readonly ILogger<ArticlePathWarmUp> _logger;

    public ArticlePathWarmUp(IArticleExtractor extractor, IArticleNormalizer normalizer, TimeProvider time, ILogger<ArticlePathWarmUp> logger)
    {
        _extractor = extractor;
        _normalizer = normalizer;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs the page through; returns the length of the serialised record, or <see langword="null"/> when it failed (logged).</summary>
    internal int? Run()
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            using Stream page = typeof(ArticlePathWarmUp).Assembly.GetManifestResourceStream(PageResource)
                ?? throw new InvalidOperationException($"resource {PageResource} is missing");
            using var body = new MemoryStream();
            page.CopyTo(body);
            ExtractionOutcome extraction = _extractor.Extract(new PageContent(PageUrl, body.ToArray(), "text/html; charset=utf-8"));
            if (extraction.Article is null)
            {
                throw new InvalidOperationException($"the extractor found no article ({extraction.Reason})");
            }

            ExtractedArticle article = _normalizer.Normalize(extraction.Article);
            ArticleRecord record = RecordBuilder.Build(
                article, PageUrl, new SourceInfo("warm-up", null, null, PageUrl.Host), _time.GetUtcNow(), ImmutableDictionary<string, LanguageVersion>.Empty);
            int bytes = RecordSerializer.Serialize(record).Length;
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogWarmedUp(milliseconds);
            return bytes;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWarmUpFailed(ex.GetType().Name, ex.Message);
            return null;
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Run();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "article path ready in {Milliseconds:F0} ms (a built-in page extracted and serialised, nothing written)")]
    private partial void LogWarmedUp(double milliseconds);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "article path not prepared ({Type}: {Message}); the first articles will take longer, nothing else changes")]
    private partial void LogWarmUpFailed(string type, string message);
}
