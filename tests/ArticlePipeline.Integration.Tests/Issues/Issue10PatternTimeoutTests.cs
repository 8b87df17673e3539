using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, item 3: an operator's pattern with nested repetition against a long hostile URL used to throw a regex
/// timeout out of the pass, healthy sources included. Now such a pattern runs in linear time where it can, and where it
/// cannot (a look-ahead) its timeout is a skipped URL and a problem of that source, while every source goes on.
/// </summary>
[TestFixture]
public sealed class Issue10PatternTimeoutTests
{
    // Matches nothing of the sites below but backtracks exponentially on a long run of word characters.
    private const string Nested = @"(\w+-?)+-v\d+\.html$";

    // The same with a look-ahead, which only the backtracking engine can run: it times out on the hostile URL.
    private const string NestedWithLookahead = @"(?=.)(\w+-?)+-v\d+\.html$";

    private LoopbackNewsSite _healthy = null!;
    private LoopbackNewsSite _hostile = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _healthy = await LoopbackNewsSite.StartAsync();
        _hostile = await LoopbackNewsSite.StartAsync();
        SiteContent.Publish(_healthy, 0, 3);
        IReadOnlyList<Uri> articles = SiteContent.Publish(_hostile, 10, 2);
        Uri hostile = _hostile.Url("/tin-tuc/" + new string('a', 3000) + ".html");
        _hostile.Set(hostile.AbsolutePath, SiteResponse.Html(SiteContent.Article(99, hostile)));
        var published = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7));
        _hostile.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss([(hostile, published), .. articles.Select(u => (u, published.AddHours(-1)))])));
        _hostile.Set("/thoi-su.html", SiteResponse.Html(SiteContent.Listing([hostile, .. articles])));
        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _healthy.DisposeAsync();
        await _hostile.DisposeAsync();
        _folder.Dispose();
    }

    [TestCase(Nested, false)]
    [TestCase(NestedWithLookahead, true)]
    public async Task Crawl_ExcludePatternThatBacktracksOnAHostileUrl_SkipsThatUrlAndCrawlsEverySource(string pattern, bool timesOut)
    {
        string sources = Issue10Files.Sources(
            _folder,
            "exclude",
            Issue10Files.FeedSource("healthy", _healthy),
            Issue10Files.FeedSource("hostile", _hostile, pattern));

        CliRun run = await Crawl(sources);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            // The linear engine decides the long URL (not excluded: it is crawled too); a timeout leaves it out.
            Assert.That(run.Output, Does.Contain(timesOut ? "written 5," : "written 6,"), "the healthy source's 3 articles and the hostile source's");
            Assert.That(_hostile.Requests.Any(r => r.Path.Contains("aaaaaaaa", StringComparison.Ordinal)), Is.EqualTo(!timesOut));
            if (timesOut)
            {
                Assert.That(run.Output, Does.Contain("pattern-timeout 1"));
                Assert.That(run.Output, Does.Contain("problem: hostile: excludePatterns '" + pattern + "' timed out"));
            }
            else
            {
                Assert.That(run.Output, Does.Not.Contain("pattern-timeout"));
            }
        }
    }

    [TestCase(@"(\w+-?)+-a\d+\.html$", false)]
    [TestCase(@"(?=.)(\w+-?)+-a\d+\.html$", true)]
    public async Task Crawl_ListingArticlePatternThatBacktracksOnAHostileLink_ReadsTheListingAndCrawlsEverySource(string pattern, bool timesOut)
    {
        string sources = Issue10Files.Sources(
            _folder,
            "listing",
            Issue10Files.FeedSource("healthy", _healthy),
            new
            {
                id = "hostile",
                name = "hostile",
                homeUrl = _hostile.Url("/thoi-su.html").AbsoluteUri,
                listings = new[] { new { url = _hostile.Url("/thoi-su.html").AbsoluteUri, articlePattern = pattern } },
            });

        CliRun run = await Crawl(sources);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Contain("written 5,"), "both listed articles and the healthy source's 3");
            Assert.That(_hostile.Requests.Any(r => r.Path.Contains("aaaaaaaa", StringComparison.Ordinal)), Is.False, "the hostile link is not an article");
            Assert.That(run.Output.Contains("articlePattern '" + pattern + "' timed out", StringComparison.Ordinal), Is.EqualTo(timesOut), run.Output);
        }
    }

    private async Task<CliRun> Crawl(string sources)
    {
        string config = Issue10Files.Config(_folder, "crawl", new
        {
            Sources = new { File = sources },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 },
        });
        return await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));
    }
}
