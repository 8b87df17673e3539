using System.Text.Json;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Tests.EndToEnd;
using ArticlePipeline.Output.Schema;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.Issues;

/// <summary>
/// Issue 10, items 7 and 10, crawled: a page nesting 100,000 elements fails as <c>too-complex</c>, binary bodies as
/// <c>not-text</c>, 5 MB of one letter as <c>not-an-article</c>, and pages whose charset label lies are written in
/// the right language, while every healthy article beside them is written.
/// </summary>
[TestFixture]
public sealed class Issue10HostilePagesTests
{
    private static readonly DateTimeOffset Published = new(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));

    private LoopbackNewsSite _site = null!;

    [SetUp]
    public async Task SetUp() => _site = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _site.DisposeAsync();

    [Test]
    public async Task Crawl_HostilePagesBesideHealthyOnes_EachFailsWithItsReasonAndTheRestIsWritten()
    {
        IReadOnlyList<Uri> healthy = SiteContent.Publish(_site, 1, 3);
        Uri deep = HostileRoutes.AddDeepNesting(_site, 100_000);
        IReadOnlyList<Uri> nonText = HostileRoutes.AddNonText(_site);
        Uri romanianLabel = HostileRoutes.AddCharsetLie(_site, 4, "windows-1250");
        Uri nearlyUtf8 = HostileRoutes.AddNearlyUtf8(_site, 5);
        _site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(
            new[] { deep, romanianLabel, nearlyUtf8 }.Concat(nonText).Concat(healthy).Select((u, i) => (u, Published.AddMinutes(-i))))));
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options(o => o.MaxBodyBytes = 8 * 1024 * 1024));
        var source = new SourceDefinition { Id = "song-hau", Name = "Báo Sông Hậu", HomeUrl = _site.BaseUrl.AbsoluteUri, Feeds = [_site.Url("/rss.xml").AbsoluteUri] };

        CrawlSummary summary = await harness.RunAsync(1, source);

        string[] records = harness.Records(source.Id);
        RecordSchemaValidator validator = await RecordSchemaValidator.GetAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Written, Is.EqualTo(5), string.Join("\n", summary.ToLines()));
            Assert.That(summary.FailedByReason, Is.EquivalentTo(new Dictionary<string, int>
            {
                ["too-complex"] = 1, ["not-text"] = 2, ["not-an-article"] = 1,
            }));
            Assert.That(records.Select(Original), Is.EquivalentTo(new[]
            {
                ("vi", SiteContent.Title(1)), ("vi", SiteContent.Title(2)), ("vi", SiteContent.Title(3)),
                ("vi", SiteContent.Title(4)), ("vi", SiteContent.Title(5)),
            }), "the mislabelled and the slightly broken UTF-8 pages read as Vietnamese, not mojibake");
            Assert.That(records.SelectMany(r => validator.Validate(File.ReadAllText(r))), Is.Empty);
        }
    }

    private static (string Language, string Title) Original(string recordPath)
    {
        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(recordPath));
        string language = record.RootElement.GetProperty("sourceLanguage").GetString()!;
        string title = record.RootElement.GetProperty("languages").GetProperty(language).GetProperty("content").GetProperty("title").GetString()!;
        return (language, title);
    }
}
