using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Crawling.Tests.Frontier;

/// <summary>The frontier's pure decisions: keys, source filter, backoff and parking.</summary>
[TestFixture]
public sealed class CrawlFrontierTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 23, 7, 30, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://baosonghau.example.vn/tin-tuc/a1001.html");

    private static readonly SourceDefinition Source = new()
    {
        Id = "baosonghau",
        HomeUrl = "https://www.baosonghau.example.vn/",
        Feeds = ["https://rss.baosonghau-media.example.vn/tin-tuc.rss"],
        ExcludePatterns = ["/video/", @"/tag/[^/]+\.html$"],
    };

    [Test]
    public void Decide_NewUrl_Fetches() => Assert.That(CrawlFrontier.Decide(null, Now).Fetch, Is.True);

    [Test]
    public void Decide_Healthy_Fetches() =>
        Assert.That(CrawlFrontier.Decide(new PageState(Url, null, "sha256:1", "p", PageOutcome.Written, 0, Now), Now).Fetch, Is.True);

    [Test]
    public void Decide_Parked_SkipsAsParked()
    {
        FrontierDecision decision = CrawlFrontier.Decide(new PageState(Url, null, null, null, PageOutcome.Failure("http-500"), 5, Now, Now.AddHours(1), Parked: true), Now.AddDays(3));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Fetch, Is.False);
            Assert.That(decision.Reason, Is.EqualTo(SkipReasons.Parked));
            Assert.That(decision.Detail, Does.Contain("5 consecutive failures").And.Contain("failed:http-500").And.Contain("rerun"));
        }
    }

    [Test]
    public void Decide_BeforeTheNextAttempt_SkipsAsBackoff()
    {
        var state = new PageState(Url, null, null, null, PageOutcome.Failure("timeout"), 2, Now, Now.AddMinutes(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CrawlFrontier.Decide(state, Now.AddMinutes(29)).Reason, Is.EqualTo(SkipReasons.Backoff));
            Assert.That(CrawlFrontier.Decide(state, Now.AddMinutes(30)).Fetch, Is.True);
        }
    }

    [TestCase(1, 15)]
    [TestCase(2, 30)]
    [TestCase(3, 60)]
    [TestCase(4, 120)]
    [TestCase(7, 960)]
    [TestCase(8, 1440)]
    [TestCase(40, 1440)]
    public void Backoff_Failures_DoublesUpToTheCap(int failures, double minutes) =>
        Assert.That(CrawlFrontier.Backoff(failures, new CrawlOptions()), Is.EqualTo(TimeSpan.FromMinutes(minutes)));

    [Test]
    public void Backoff_AnyFailureCount_NeverShrinksAndNeverPassesTheCap()
    {
        var options = new CrawlOptions { FailureBackoffMinutes = 7, MaxFailureBackoffHours = 5 };
        TimeSpan previous = TimeSpan.Zero;
        for (int failures = 1; failures <= 100; failures++)
        {
            TimeSpan wait = CrawlFrontier.Backoff(failures, options);
            Assert.That(wait, Is.GreaterThanOrEqualTo(previous).And.LessThanOrEqualTo(TimeSpan.FromHours(5)));
            previous = wait;
        }
    }

    [Test]
    public void AfterFailure_RepeatedFailures_ParkAtTheConfiguredCount()
    {
        var options = new CrawlOptions { MaxConsecutiveFailures = 3 };
        var success = new PageState(Url, new FetchValidators("\"v1\"", null), "sha256:1", "records/x.json", PageOutcome.Written, 0, Now);

        PageState first = CrawlFrontier.AfterFailure(Url, success, PageOutcome.Failure("http-500"), Now, options);
        PageState second = CrawlFrontier.AfterFailure(Url, first, PageOutcome.Failure("http-500"), Now, options);
        PageState third = CrawlFrontier.AfterFailure(Url, second, PageOutcome.Failure("timeout"), Now, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { first.Parked, second.Parked, third.Parked }, Is.EqualTo(new[] { false, false, true }));
            Assert.That(third.ConsecutiveFailures, Is.EqualTo(3));
            Assert.That(first.NextAttemptAt, Is.EqualTo(Now.AddMinutes(15)));
            Assert.That(second.NextAttemptAt, Is.EqualTo(Now.AddMinutes(30)));
            Assert.That(third.LastOutcome, Is.EqualTo(PageOutcome.Failure("timeout")));
            Assert.That(third.Validators, Is.EqualTo(success.Validators), "the last success's validators are kept");
            Assert.That(third.ContentHash, Is.EqualTo("sha256:1"));
            Assert.That(third.RecordPath, Is.EqualTo("records/x.json"));
        }
    }

    [TestCase("https://baosonghau.example.vn/tin-tuc/a1.html", null)]
    [TestCase("https://www.baosonghau.example.vn/tin-tuc/a1.html", null)]
    [TestCase("https://m.baosonghau.example.vn/tin-tuc/a1.html", null)]
    [TestCase("https://rss.baosonghau-media.example.vn/a1.html", null)]
    [TestCase("https://baoangiang.com.vn/a1.html", "not a host of source")]
    [TestCase("https://evilbaosonghau.example.vn/a1.html", "not a host of source")]
    [TestCase("https://baosonghau.example.vn/video/a1.html", "excludePatterns")]
    [TestCase("https://baosonghau.example.vn/tag/lua.html", "excludePatterns")]
    [TestCase("ftp://baosonghau.example.vn/a1.html", "only http and https")]
    [TestCase("file:///tmp/a1.html", "file URL")]
    public void Filter_DiscoveredUrl_KeepsOnlyTheSourcesArticles(string url, string? reason)
    {
        string? filtered = CrawlFrontier.Filter(new Uri(url), Source);

        Assert.That(filtered, reason is null ? Is.Null : Does.Contain(reason));
    }

    [TestCase("https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3/", "strip", "https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3")]
    [TestCase("https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3", "strip", "https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3")]
    [TestCase("https://baosonghau.example.vn/", "strip", "https://baosonghau.example.vn/")]
    [TestCase("https://baosonghau.example.vn/thoi-su//", "strip", "https://baosonghau.example.vn/thoi-su")]
    [TestCase("https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3/", "keep", "https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3/")]
    [TestCase("https://BaoSongHau.example.vn:443/a/?utm_source=rss#x", "strip", "https://baosonghau.example.vn/a")]
    [TestCase("https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3/", null, "https://baosonghau.example.vn/2025/06/lua-he-thu-a1b2c3/")]
    [TestCase("https://baosonghau.example.vn/t%C3%ACm/?q=1", "strip", "https://baosonghau.example.vn/t%C3%ACm?q=1")]
    public void Key_TrailingSlashPolicy_DecidesWhetherASlashMatters(string url, string? policy, string expected)
    {
        SourceDefinition source = policy is null ? new SourceDefinition { Id = "x" } : new SourceDefinition { Id = "x", TrailingSlash = policy };

        Assert.That(CrawlFrontier.Key(new Uri(url), source).AbsoluteUri, Is.EqualTo(expected));
    }

    [TestCase("https://baosonghau.example.vn/a.html;jsessionid=0A1B2C3D4E5F6A7B8C9D", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html;JSESSIONID=0A1B2C3D4E5F6A7B8C9D?id=5", "https://baosonghau.example.vn/a.html?id=5")]
    [TestCase("https://baosonghau.example.vn/a.php?id=5&PHPSESSID=el4ukv0kqbvoirg7nkp4dncpk3", "https://baosonghau.example.vn/a.php?id=5")]
    [TestCase("https://baosonghau.example.vn/a.asp?ASPSESSIONIDQQGGGNCG=LKMACIDAHJPMJMPJBPBJDIGC&id=5", "https://baosonghau.example.vn/a.asp?id=5")]
    [TestCase("https://baosonghau.example.vn/a.html?sessid=9f86d081884c7d659a2feaa0c55ad015&cftoken=3f2504e0-4f89-11d3-9a0c-0305e82c3301", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html?sessid=1&cfid=2&cftoken=3", "https://baosonghau.example.vn/a.html?sessid=1&cfid=2&cftoken=3")]
    [TestCase("https://baosonghau.example.vn/a.html?_gl=1*abc&_hsenc=x&mkt_tok=y&ttclid=z", "https://baosonghau.example.vn/a.html")]
    [TestCase("https://baosonghau.example.vn/a.html?page=2&s=lua", "https://baosonghau.example.vn/a.html?page=2&s=lua")]
    public void Canonicalize_SessionTokensAndTrackingParameters_AreDropped(string url, string expected) =>
        Assert.That(UrlCanonicalizer.Canonicalize(new Uri(url)).AbsoluteUri, Is.EqualTo(expected));

    [TestCase("https://BaoSongHau.example.vn:443/a/b/?utm_medium=x&id=1#top")]
    [TestCase("http://baosonghau.example.vn:8080/a.html;jsessionid=1?fbclid=2")]
    [TestCase("https://baosonghau.example.vn/t%C3%ACm-ki%E1%BA%BFm/?q=l%C3%BAa")]
    [TestCase("https://baosonghau.example.vn/")]
    public void Canonicalize_EitherPolicy_IsIdempotent(string url)
    {
        foreach (TrailingSlashPolicy policy in Enum.GetValues<TrailingSlashPolicy>())
        {
            Uri once = UrlCanonicalizer.Canonicalize(new Uri(url), policy);
            Assert.That(UrlCanonicalizer.Canonicalize(once, policy), Is.EqualTo(once), policy.ToString());
        }
    }

    [Test]
    public void TryClaim_SameKeyTwice_IsSeenTheSecondTime()
    {
        var pass = new CrawlPass();
        var strip = new SourceDefinition { Id = "x", TrailingSlash = "strip" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pass.TryClaim(CrawlFrontier.Key(new Uri("https://baosonghau.example.vn/a/?utm_source=x"), strip)), Is.True);
            Assert.That(pass.TryClaim(CrawlFrontier.Key(new Uri("https://BAOSONGHAU.example.vn/a"), strip)), Is.False);
            Assert.That(pass.TryClaim(CrawlFrontier.Key(new Uri("https://baosonghau.example.vn/b/?fbclid=1"), null)), Is.True);
            Assert.That(pass.TryClaim(CrawlFrontier.Key(new Uri("https://baosonghau.example.vn/b/"), null)), Is.False);
            Assert.That(pass.TryClaim(new Uri("https://baosonghau.example.vn/c"), "bao-a"), Is.True);
            Assert.That(pass.TryClaim(new Uri("https://baosonghau.example.vn/c"), "bao-b"), Is.True, "each source claims for itself");
            Assert.That(pass.TryClaim(new Uri("https://baosonghau.example.vn/c"), "bao-a"), Is.False);
        }
    }
}
