using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, item 15: a PostgreSQL connection string that leaves this machine without <c>SSL Mode=VerifyFull</c> (or
/// <c>Require</c>) gets one warning line at start-up, which names the host and never the password.
/// </summary>
[TestFixture]
public sealed class Issue10PostgresSslTests
{
    private const string Password = "pg-secret-password-9c1";

    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [TestCase("Host=203.0.113.7;Port=5432", true)]
    [TestCase("Host=127.0.0.1,db.example.org:5433;SSL Mode=Prefer", true)]
    [TestCase("Host=203.0.113.7;SSL Mode=VerifyFull", false)]
    [TestCase("Host=203.0.113.7;SSL Mode=Require", false)]
    [TestCase("Host=127.0.0.1;Port=1", false)]
    [TestCase("Host=/var/run/postgresql", false)]
    public async Task Crawl_PostgresConnectionString_WarnsOnceWhenItLeavesThisMachineWithoutSsl(string target, bool warns)
    {
        string config = Issue10Files.Config(_folder, "pg", new
        {
            State = new { Provider = "postgres", ConnectionString = $"{target};Username=pipeline;Password={Password};Database=archive;Timeout=1;Command Timeout=1" },
        });

        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", _folder.Combine("out"));

        string[] warnings = [.. run.Error.Split('\n').Where(l => l.StartsWith("warning: State:ConnectionString", StringComparison.Ordinal))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), "no server answers: " + run);
            Assert.That(warnings, Has.Length.EqualTo(warns ? 1 : 0), run.Error);
            Assert.That(run.Error + run.Output, Does.Not.Contain(Password));
            if (warns)
            {
                Assert.That(warnings[0], Does.Contain("SSL Mode=VerifyFull").And.Not.Contain("127.0.0.1"));
            }
        }
    }
}
