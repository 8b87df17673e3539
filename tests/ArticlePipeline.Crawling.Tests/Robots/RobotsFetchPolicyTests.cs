using System.Text;
using ArticlePipeline.Crawling.Robots;

namespace ArticlePipeline.Crawling.Tests.Robots;

[TestFixture]
public sealed class RobotsFetchPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 23, 7, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(10);

    private static RobotsEntry Interpret(RobotsResponse response, RobotsEntry? previous = null) =>
        RobotsFetchPolicy.Interpret(response, previous, "ArticlePipeline", Now, Day, Retry);

    [Test]
    public void Interpret_Ok_ParsesTheFileAndKeepsItADay()
    {
        RobotsEntry entry = Interpret(new RobotsResponse(200, Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /x\n"), null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.Rules.Evaluate("/x").Allowed, Is.False);
            Assert.That(entry.Rules.Evaluate("/y").Allowed, Is.True);
            Assert.That(entry.Expires, Is.EqualTo(Now + Day));
            Assert.That(entry.Unreachable, Is.False);
        }
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(410)]
    public void Interpret_ClientError_AllowsEverything(int status)
    {
        RobotsEntry entry = Interpret(new RobotsResponse(status, null, null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.Rules.Evaluate("/anything").Allowed, Is.True);
            Assert.That(entry.Expires, Is.EqualTo(Now + Day));
            Assert.That(entry.Description, Does.Contain($"HTTP {status}"));
        }
    }

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(429)]
    public void Interpret_ServerErrorOrTooManyRequests_DisallowsEverythingUntilRetried(int status)
    {
        RobotsEntry entry = Interpret(new RobotsResponse(status, null, null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.Rules.Evaluate("/").Allowed, Is.False);
            Assert.That(entry.Rules.Evaluate("/tin-tuc/a1.html").Allowed, Is.False);
            Assert.That(entry.Unreachable, Is.True);
            Assert.That(entry.Expires, Is.EqualTo(Now + Retry));
            Assert.That(entry.Description, Does.Contain("unreachable").And.Contain($"HTTP {status}"));
        }
    }

    [Test]
    public void Interpret_NetworkError_DisallowsEverything()
    {
        RobotsEntry entry = Interpret(new RobotsResponse(null, null, "Connection refused"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.Rules.Evaluate("/").Allowed, Is.False);
            Assert.That(entry.Description, Does.Contain("Connection refused"));
        }
    }

    [Test]
    public void Interpret_UnreachableWithAGoodCopy_KeepsTheCopy()
    {
        RobotsEntry good = Interpret(new RobotsResponse(200, Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /x\n"), null));

        RobotsEntry entry = RobotsFetchPolicy.Interpret(new RobotsResponse(503, null, null), good, "ArticlePipeline", Now + Day, Day, Retry);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.Rules.Evaluate("/y").Allowed, Is.True);
            Assert.That(entry.Rules.Evaluate("/x").Allowed, Is.False);
            Assert.That(entry.Expires, Is.EqualTo(Now + Day + Retry));
            Assert.That(entry.Description, Does.Contain("kept"));
        }
    }

    [Test]
    public void Interpret_UnreachableAfterUnreachable_StaysDisallowed()
    {
        RobotsEntry first = Interpret(new RobotsResponse(500, null, null));

        RobotsEntry entry = Interpret(new RobotsResponse(null, null, "timeout"), first);

        Assert.That(entry.Rules.Evaluate("/").Allowed, Is.False);
    }

    [Test]
    public void Interpret_TooManyRedirects_CountsAsMissing()
    {
        RobotsEntry entry = Interpret(new RobotsResponse(null, null, "too many redirects") { TooManyRedirects = true });

        Assert.That(entry.Rules.Evaluate("/x").Allowed, Is.True);
    }
}
