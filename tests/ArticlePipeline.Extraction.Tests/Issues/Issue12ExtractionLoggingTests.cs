using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Composition;
using ArticlePipeline.Testing.Logging;
using ArticlePipeline.Testing.NewsSite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 12, "logging at the edges": the extraction stage says in the log where a page left the usual path, through
/// the logger the host gives <see cref="ExtractionServiceCollectionExtensions.AddArticleExtraction"/>.
/// </summary>
[TestFixture]
public sealed class Issue12ExtractionLoggingTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private const string Paragraph =
        "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.";

    private static readonly Uri PageUrl = new("https://baosonghau.example.vn/tin-tuc/lua-he-thu-a1001.html");

    private static readonly string Category = typeof(ArticleExtractor).FullName!;

    [Test]
    public void Extract_ProfileBodySelectorMatchesNothing_LogsThatContentScoringTakesOver()
    {
        using var loggers = new CollectingLoggers();
        IArticleExtractor extractor = Extractor(loggers);
        var profile = new ExtractionProfile { Name = "baosonghau", Title = "h1", Body = "div.noi-dung-bai-viet" };

        ExtractionOutcome outcome = extractor.Extract(Html(Page($"<article>{string.Concat(Enumerable.Repeat($"<p>{Paragraph}</p>", 3))}</article>")), profile);

        LogLine[] lines = [.. loggers.Lines.Where(l => l.Category == Category)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Article?.Extractor, Is.EqualTo("generic"), outcome.Reason);
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines.Select(l => l.Level), Is.All.EqualTo(LogLevel.Information));
            Assert.That(lines.Select(l => l.Message), Has.One.Contains(PageUrl.AbsoluteUri).And.Contains("baosonghau").And.Contains("'div.noi-dung-bai-viet' matches nothing"));
        }
    }

    [Test]
    public void Extract_ProfileThatFits_LogsNothing()
    {
        using var loggers = new CollectingLoggers();
        IArticleExtractor extractor = Extractor(loggers);
        var profile = new ExtractionProfile { Name = "baosonghau", Title = "h1", Body = "article" };

        ExtractionOutcome outcome = extractor.Extract(Html(Page($"<article>{string.Concat(Enumerable.Repeat($"<p>{Paragraph}</p>", 3))}</article>")), profile);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Article?.Extractor, Is.EqualTo("profile"), outcome.Reason);
            Assert.That(loggers.Lines.Where(l => l.Category == Category), Is.Empty);
        }
    }

    [Test]
    public void Extract_PageOverTheHtmlLimits_LogsAWarningWithTheLimit()
    {
        using var loggers = new CollectingLoggers();
        IArticleExtractor extractor = Extractor(loggers);

        ExtractionOutcome outcome = extractor.Extract(Html(HostileRoutes.DeepNesting(100_000)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-complex"));
            Assert.That(
                loggers.Lines.Where(l => l.Category == Category && l.Level == LogLevel.Warning).Select(l => l.Message),
                Has.One.Contains(PageUrl.AbsoluteUri).And.Contains("nested more than 256 deep"));
        }
    }

    // The extractor as a host composes it: AddArticleExtraction with the host's logger factory.
    private static IArticleExtractor Extractor(CollectingLoggers loggers)
    {
        ServiceProvider services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddArticleExtraction()
            .BuildServiceProvider();
        return services.GetRequiredService<IArticleExtractor>();
    }

    private static PageContent Html(string html) => new(PageUrl, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");

    private static string Page(string content) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><title>{Title}</title></head><body><h1>{Title}</h1>{content}</body></html>";
}
