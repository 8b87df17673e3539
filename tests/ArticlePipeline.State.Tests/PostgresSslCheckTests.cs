namespace ArticlePipeline.State.Tests;

/// <summary>Issue 10, item 15: which PostgreSQL connection strings leave the machine without TLS.</summary>
[TestFixture]
public sealed class PostgresSslCheckTests
{
    [TestCase("Host=db.example.org;Password=pw-9c1e5a77", "db.example.org")]
    [TestCase("Host=10.0.0.5:5433;SSL Mode=Disable", "10.0.0.5")]
    [TestCase("Host=localhost,db2.internal;SSL Mode=Allow", "db2.internal")]
    [TestCase("Host=[2001:db8::1]:5432", "2001:db8::1")]
    public void Warning_NonLoopbackHostWithoutRequiredSsl_NamesTheHostNotThePassword(string connectionString, string host)
    {
        string? warning = PostgresSslCheck.Warning(connectionString);

        Assert.That(warning, Does.Contain(host).And.Contain("SSL Mode=VerifyFull").And.Not.Contain("pw-9c1e5a77"));
    }

    [TestCase("Host=db.example.org;SSL Mode=VerifyFull")]
    [TestCase("Host=db.example.org;SSL Mode=VerifyCA")]
    [TestCase("Host=db.example.org;SSL Mode=Require")]
    [TestCase("Host=127.0.0.1;Port=5432")]
    [TestCase("Host=localhost,::1")]
    [TestCase("Host=/var/run/postgresql")]
    [TestCase("not a connection string")]
    public void Warning_LoopbackOrVerifiedOrMalformed_None(string connectionString) =>
        Assert.That(PostgresSslCheck.Warning(connectionString), Is.Null);
}
