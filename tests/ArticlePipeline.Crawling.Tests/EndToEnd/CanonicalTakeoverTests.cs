using System.Text.Json;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Crawling.Tests.EndToEnd;

/// <summary>
/// Issue 10, item 8: a hostile page whose <c>link rel=canonical</c> names another site's article must not take that
/// article's record id, whatever the order of crawling. Two real sites: the genuine paper answers as
/// <c>localhost</c> and the hostile one as <c>127.0.0.1</c>, two registrable domains on one loopback address.
/// </summary>
[TestFixture]
public sealed class CanonicalTakeoverTests
{
    private static readonly DateTimeOffset Published = new(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));

    private LoopbackNewsSite _genuineSite = null!;
    private LoopbackNewsSite _hostileSite = null!;
    private Uri _genuine = null!;
    private Uri _hostile = null!;

    [SetUp]
    public async Task SetUp()
    {
        _genuineSite = await LoopbackNewsSite.StartAsync();
        _hostileSite = await LoopbackNewsSite.StartAsync();
        _genuine = new UriBuilder(_genuineSite.Url(SiteContent.ArticlePath(1))) { Host = "localhost" }.Uri;
        _hostile = _hostileSite.Url("/ban-tin/gia-mao.html");
        _genuineSite.Set(_genuine.AbsolutePath, SiteResponse.Html(SiteContent.Article(1, _genuine)));
        _hostileSite.Set(_hostile.AbsolutePath, SiteResponse.Html(SiteContent.Article(2, _genuine)));
        Feed(_genuineSite, _genuine);
        Feed(_hostileSite, _hostile);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _genuineSite.DisposeAsync();
        await _hostileSite.DisposeAsync();
    }

    [TestCase(true, TestName = "RunAsync_HostileCanonicalListedFirst_GenuineRecordSurvivesEveryPass")]
    [TestCase(false, TestName = "RunAsync_HostileCanonicalListedLater_GenuineRecordSurvivesEveryPass")]
    public async Task RunAsync_HostilePageNamingAnotherSitesArticle_NeverTakesItsRecord(bool hostileFirst)
    {
        SourceDefinition genuine = Source("that", new UriBuilder(_genuineSite.BaseUrl) { Host = "localhost" }.Uri);
        SourceDefinition hostile = Source("gia", _hostileSite.BaseUrl);
        SourceDefinition[] order = hostileFirst ? [hostile, genuine] : [genuine, hostile];
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options(), CrawlHarness.RevisitEveryPass());

        CrawlSummary first = await harness.RunAsync(1, order);
        _hostileSite.Set(_hostile.AbsolutePath, SiteResponse.Html(SiteContent.Article(3, _genuine)));
        CrawlSummary later = await harness.RunAsync(1, order);

        string genuineId = ArticleIds.FromUrl(UrlCanonicalizer.Canonicalize(_genuine));
        List<Written> all = [.. harness.Records("that").Select(Read), .. harness.Records("gia").Select(Read)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Written, Is.EqualTo(2), string.Join("\n", first.ToLines()));
            Assert.That(later.Written, Is.EqualTo(1), "the hostile page changed and is written again, under its own id");
            Assert.That(all.Where(r => r.Id == genuineId).Select(r => (r.Source, r.Title, r.Revision)),
                Is.EqualTo(new[] { ("that", SiteContent.Title(1), 1) }), "one record holds the genuine id: the genuine article's, never rewritten");
            Written copy = all.Single(r => r.Source == "gia");
            Assert.That(copy.Id, Is.EqualTo(ArticleIds.FromUrl(UrlCanonicalizer.Canonicalize(_hostile))));
            Assert.That(copy.Url, Is.EqualTo(_hostile.AbsoluteUri));
            Assert.That(copy.Title, Is.EqualTo(SiteContent.Title(3)));
            Assert.That(copy.SourceLinks, Is.EqualTo(new[] { _genuine.AbsoluteUri }), "the foreign canonical is kept as metadata");
        }
    }

    [Test]
    public async Task ProcessAsync_RerunOfHostileThenGenuineThenHostile_GenuineRecordIsNeverOverwritten()
    {
        await using CrawlHarness harness = await CrawlHarness.CreateAsync(TestNetwork.Options(), CrawlHarness.RevisitEveryPass());

        await harness.Processor.ProcessAsync(_hostile, null);
        await harness.Processor.ProcessAsync(_genuine, null);
        _hostileSite.Set(_hostile.AbsolutePath, SiteResponse.Html(SiteContent.Article(3, _genuine)));
        await harness.Processor.ProcessAsync(_hostile, null);

        string genuineId = ArticleIds.FromUrl(UrlCanonicalizer.Canonicalize(_genuine));
        List<Written> adhoc = harness.Records("adhoc").Select(Read).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(adhoc, Has.Count.EqualTo(2));
            Assert.That(adhoc.Where(r => r.Id == genuineId).Select(r => (r.Title, r.Revision)), Is.EqualTo(new[] { (SiteContent.Title(1), 1) }));
            Assert.That(adhoc.Single(r => r.Id != genuineId).Revision, Is.EqualTo(2), "the hostile page's own record took the change");
        }
    }

    private static SourceDefinition Source(string id, Uri home) => new()
    {
        Id = id,
        Name = id,
        HomeUrl = home.AbsoluteUri,
        Feeds = [new Uri(home, "rss.xml").AbsoluteUri],
    };

    private static void Feed(LoopbackNewsSite site, Uri article)
    {
        site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss([(article, Published)])));
        site.Set("/", SiteResponse.Html("<html><head><title>Trang chủ</title></head><body></body></html>"));
    }

    private static Written Read(string path)
    {
        using JsonDocument record = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = record.RootElement;
        return new Written(
            root.GetProperty("source").GetProperty("id").GetString()!,
            root.GetProperty("id").GetString()!,
            root.GetProperty("url").GetString()!,
            root.GetProperty("revision").GetInt32(),
            CrawlHarness.Title(path),
            root.GetProperty("sourceLinks").EnumerateArray().Select(l => l.GetString()!).ToArray());
    }

    private sealed record Written(string Source, string Id, string Url, int Revision, string Title, string[] SourceLinks);
}
