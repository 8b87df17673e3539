using ArticlePipeline.Crawling.Fetching;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>The one reading of a redirect's <c>Location</c>, as a pure function.</summary>
[TestFixture]
public sealed class RedirectTargetTests
{
    private static readonly Uri Current = new("https://baosonghau.vn/tin-tuc/bai-viet.html?trang=2");

    [TestCase("/tin-tuc/moi.html", "https://baosonghau.vn/tin-tuc/moi.html")]
    [TestCase("moi.html", "https://baosonghau.vn/tin-tuc/moi.html")]
    [TestCase("../thoi-su/", "https://baosonghau.vn/thoi-su/")]
    [TestCase("?trang=3", "https://baosonghau.vn/tin-tuc/bai-viet.html?trang=3")]
    [TestCase("//cdn.baosonghau.vn/a.html", "https://cdn.baosonghau.vn/a.html")]
    [TestCase("  http://baosonghau.vn/a.html  ", "http://baosonghau.vn/a.html")]
    [TestCase("HTTPS://BaoSongHau.vn/a.html", "https://baosonghau.vn/a.html")]
    [TestCase("/bài-viết.html", "https://baosonghau.vn/b%C3%A0i-vi%E1%BA%BFt.html")]
    public void Resolve_WellFormedLocation_GivesTheAbsoluteTarget(string location, string expected)
    {
        Uri? target = RedirectTarget.Resolve(Current, [location], out string? problem);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target?.AbsoluteUri, Is.EqualTo(expected));
            Assert.That(problem, Is.Null);
        }
    }

    [TestCase("ftp://baosonghau.vn/a.html")]
    [TestCase("file:///etc/passwd")]
    public void Resolve_WellFormedUrlOfAnotherScheme_IsReturnedForThePolicyToRefuse(string location)
    {
        Uri? target = RedirectTarget.Resolve(Current, [location], out string? problem);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target, Is.EqualTo(new Uri(location)));
            Assert.That(problem, Is.Null);
        }
    }

    [TestCaseSource(typeof(Issues.Issue10BadRedirectTests), nameof(Issues.Issue10BadRedirectTests.MalformedLocations))]
    [TestCase("/a\u001b[31mb")]
    [TestCase("/a\r\nSet-Cookie: x=1")]
    public void Resolve_MalformedLocation_HasNoTargetAndSaysWhyOnOneCleanLine(string location)
    {
        Uri? target = RedirectTarget.Resolve(Current, [location], out string? problem);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target, Is.Null);
            Assert.That(problem, Does.StartWith(Current.ToString()));
            Assert.That(problem!.Any(char.IsControl), Is.False);
        }
    }

    [Test]
    public void Resolve_NoOrSeveralLocations_HasNoTarget()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RedirectTarget.Resolve(Current, [], out string? none), Is.Null);
            Assert.That(none, Does.Contain("without a Location"));
            Assert.That(RedirectTarget.Resolve(Current, ["/a.html", "/b.html"], out string? several), Is.Null);
            Assert.That(several, Does.Contain("2 Location headers"));
        }
    }

    [TestCase(301, false, true)]
    [TestCase(302, false, true)]
    [TestCase(307, false, true)]
    [TestCase(308, false, true)]
    [TestCase(300, false, false)]
    [TestCase(300, true, true)]
    [TestCase(304, true, false)]
    [TestCase(200, true, false)]
    public void IsRedirect_FollowsRedirectStatusesAndAnyOther3xxWithALocation(int status, bool hasLocation, bool expected) =>
        Assert.That(RedirectTarget.IsRedirect(status, hasLocation), Is.EqualTo(expected));
}
