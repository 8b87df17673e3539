using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Testing.Logging;
using ArticlePipeline.Testing.NewsSite;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>
/// Issue 12: what happens at the fetcher's edges is in the log, under its category, for an operator to read: a
/// robots.txt it could not read and what it applies instead, a body over its cap, a redirect it does not follow.
/// </summary>
[TestFixture]
public sealed class FetchLoggingTests
{
    private const string Page = "<html><body><p>Nông dân Tân Hậu thu hoạch lúa.</p></body></html>";

    private LoopbackNewsSite _site = null!;
    private CollectingLoggers _loggers = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _site.Set("/tin-tuc/a1.html", SiteResponse.Html(Page));
        _loggers = new CollectingLoggers();
    }

    [TearDown]
    public async Task TearDown()
    {
        _loggers.Dispose();
        await _site.DisposeAsync();
    }

    private List<LogLine> FetcherLines => _loggers.Lines.Where(l => l.Category == typeof(HttpPageFetcher).FullName).ToList();

    [Test]
    public async Task FetchAsync_RobotsUnreachable_LogsAWarningThatEveryPathIsDisallowed()
    {
        _site.Set("/robots.txt", SiteResponse.StatusOnly(503));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRetries = 0), loggers: _loggers);

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("robots"));
            Assert.That(FetcherLines, Has.One.Matches<LogLine>(l =>
                l.Level == LogLevel.Warning &&
                l.Message.StartsWith($"{_site.Url("/robots.txt")}: robots.txt unreachable (HTTP 503)", StringComparison.Ordinal) &&
                l.Message.Contains("all paths disallowed", StringComparison.Ordinal)));
        }
    }

    [Test]
    public async Task FetchAsync_RobotsMissing_LogsThatEverythingIsAllowedOnce()
    {
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(), loggers: _loggers);

        await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));
        await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));

        Assert.That(FetcherLines.Where(l => l.Message.Contains("robots.txt", StringComparison.Ordinal)).ToList(), Has.One.Matches<LogLine>(l =>
            l.Level == LogLevel.Information && l.Message.EndsWith("robots.txt HTTP 404: unavailable, all allowed", StringComparison.Ordinal)));
    }

    [Test]
    public async Task FetchAsync_BodyOverMaxBodyBytes_LogsTheUrlAndTheLimit()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nAllow: /\n"));
        _site.Set("/big.html", SiteResponse.Huge(64 * 1024, announceLength: false));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxBodyBytes = 2048), loggers: _loggers);

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/big.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-large"));
            Assert.That(FetcherLines.Select(l => l.Message), Has.One.EqualTo($"{_site.Url("/big.html")}: body over the 2048-byte limit, refused"));
            Assert.That(FetcherLines, Has.None.Matches<LogLine>(l => l.Level >= LogLevel.Warning), "an oversized page is an outcome, not a fault");
        }
    }

    [Test]
    public async Task FetchAsync_RobotsOverItsCap_LogsThatOnlyTheFirstBytesAreRead()
    {
        string robots = "User-agent: *\nDisallow: /rieng-tu/\n" + string.Concat(Enumerable.Repeat("# padding line of a very long robots.txt\n", 15_000));
        _site.Set("/robots.txt", SiteResponse.Text(robots));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(), loggers: _loggers);

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/tin-tuc/a1.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(FetchStatus.Fetched), "the rules in the first 500 KiB apply");
            Assert.That(FetcherLines.Select(l => l.Message), Has.One.EqualTo($"{_site.Url("/robots.txt")}: body over the 512000-byte limit, the rest is not read"));
        }
    }

    [Test]
    public async Task FetchAsync_RedirectLoop_LogsThatTheRedirectsAreNotFollowed()
    {
        _site.Set("/robots.txt", SiteResponse.Text("User-agent: *\nAllow: /\n"));
        _site.Set("/a", SiteResponse.Redirect("/b"));
        _site.Set("/b", SiteResponse.Redirect("/a"));
        using var fetcher = new HttpPageFetcher(TestNetwork.Options(o => o.MaxRedirects = 3), loggers: _loggers);

        FetchOutcome outcome = await fetcher.FetchAsync(_site.Url("/a"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-many-redirects"));
            Assert.That(FetcherLines.Select(l => l.Message), Has.One.EqualTo($"{_site.Url("/a")}: redirects not followed (too-many-redirects): {_site.Url("/a")}: more than 3 redirects"));
        }
    }
}
