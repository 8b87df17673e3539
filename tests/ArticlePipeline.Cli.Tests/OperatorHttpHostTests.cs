using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Worker.Http;

namespace ArticlePipeline.Cli.Tests;

/// <summary>Issue 16: when <c>run --http</c> may serve, decided before anything listens.</summary>
[TestFixture]
public sealed class OperatorHttpHostTests
{
    private const string LongToken = "0123456789abcdef0123";

    [TestCase("127.0.0.1:9464", null)]
    [TestCase("[::1]:9464", null)]
    [TestCase("127.0.0.1:9464", LongToken)]
    [TestCase("0.0.0.0:9464", LongToken)]
    [TestCase("[::]:9464", LongToken)]
    public void CheckAccess_LoopbackOrTokenSet_Serves(string address, string? token) =>
        Assert.DoesNotThrow(() => OperatorHttpHost.CheckAccess(OperatorHttpHost.Parse(address), token));

    [TestCase("0.0.0.0:9464", null, "Console:AccessToken")]
    [TestCase("[::]:9464", "", "Console:AccessToken")]
    [TestCase("192.0.2.10:9464", null, "Console:AccessToken")]
    [TestCase("0.0.0.0:9464", "short", "16 characters")]
    [TestCase("127.0.0.1:9464", "short", "16 characters")]
    public void CheckAccess_OtherMachinesWithoutAGoodToken_RefusesWithTheSetting(string address, string? token, string message)
    {
        UsageException refused = Assert.Throws<UsageException>(() => OperatorHttpHost.CheckAccess(OperatorHttpHost.Parse(address), token))!;

        Assert.That(refused.Message, Does.Contain(message));
    }

    [Test]
    public void Parse_NotAnAddress_IsAUsageError() =>
        Assert.Throws<UsageException>(() => OperatorHttpHost.Parse("example.org:9464"));

    [Test]
    public void ContentSecurityPolicy_AllowsNoScriptAndNoFraming()
    {
        string[] directives = OperatorSecurity.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(directives, Does.Contain("default-src 'none'").And.Contain("style-src 'self'").And.Contain("img-src 'self'")
                .And.Contain("form-action 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(directives.Where(d => d.StartsWith("script-src", StringComparison.Ordinal)), Is.Empty, "scripts fall back to default-src 'none'");
        }
    }
}
