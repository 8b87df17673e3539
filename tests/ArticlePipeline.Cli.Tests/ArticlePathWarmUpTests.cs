using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Tests;

/// <summary><c>run</c> puts its own page through the article path before the scheduler starts, and writes nothing.</summary>
[TestFixture]
public sealed class ArticlePathWarmUpTests
{
    [Test]
    public async Task StartAsync_TheBuiltInPage_IsAnArticleTheExtractorFindsAndNothingIsWritten()
    {
        using var folder = new TempDirectory();
        CliHost host = CliHost.Create(null, folder.Combine("out"), TextWriter.Null);
        await using (host)
        {
            using var loggers = new CollectingLoggers();
            var warmUp = new ArticlePathWarmUp(
                host.Services.GetRequiredService<IArticleExtractor>(),
                host.Services.GetRequiredService<IArticleNormalizer>(),
                TimeProvider.System,
                loggers.CreateLogger<ArticlePathWarmUp>());

            int? bytes = await warmUp.RunAsync(CancellationToken.None);

            using (Assert.EnterMultipleScope())
            {
                // If the extractor stopped recognising the page, the worker would start cold again without anyone noticing.
                Assert.That(bytes, Is.GreaterThan(1000), "the page became a record with its text");
                Assert.That(loggers.Lines.Select(l => (l.Level, l.Message)), Has.One.Matches<(LogLevel Level, string Message)>(l => l.Level == LogLevel.Information && l.Message.StartsWith("article path ready in ", StringComparison.Ordinal)));
                Assert.That(Directory.Exists(folder.Combine("out")) ? Directory.GetFileSystemEntries(folder.Combine("out"), "*", SearchOption.AllDirectories) : [], Is.Empty, "nothing written");
            }
        }
    }

    [Test]
    public async Task StartAsync_TheExtractorFails_LogsAWarningAndTheWorkerStartsAnyway()
    {
        using var loggers = new CollectingLoggers();
        var warmUp = new ArticlePathWarmUp(new ThrowingExtractor(), new PassThrough(), TimeProvider.System, loggers.CreateLogger<ArticlePathWarmUp>());

        await warmUp.StartAsync(CancellationToken.None);

        Assert.That(loggers.Lines.Single().Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(loggers.Lines.Single().Message, Does.Contain("InvalidDataException: parser gave up").And.Contain("the first articles will take longer"));
    }

    private sealed class ThrowingExtractor : IArticleExtractor
    {
        public ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile = null) => throw new InvalidDataException("parser gave up");
    }

    private sealed class PassThrough : IArticleNormalizer
    {
        public ExtractedArticle Normalize(ExtractedArticle article) => article;
    }
}
