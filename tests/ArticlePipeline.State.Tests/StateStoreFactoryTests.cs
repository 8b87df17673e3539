using ArticlePipeline.Testing;

namespace ArticlePipeline.State.Tests;

/// <summary>Choosing and opening a provider from the <c>State</c> options.</summary>
public sealed class StateStoreFactoryTests
{
    [TestCase("sqlite")]
    [TestCase("SQLite")]
    [TestCase(" sqlite ")]
    public async Task OpenAsync_SqliteWithoutConnectionString_CreatesStateDbUnderTheOutputFolder(string provider)
    {
        using var output = new TempDirectory();

        await using (IPipelineStateStore store = await StateStoreFactory.OpenAsync(new StateOptions { Provider = provider }, output.Path))
        {
            Assert.That(store.Provider, Is.EqualTo(StateOptions.Sqlite));
        }

        Assert.That(File.Exists(output.Combine("state", "state.db")), Is.True);
    }

    [Test]
    public async Task OpenAsync_SqliteWithConnectionString_UsesThatFile()
    {
        using var output = new TempDirectory();
        string file = output.Combine("elsewhere", "my state.db");

        await using (await StateStoreFactory.OpenAsync(new StateOptions { ConnectionString = $"Data Source={file}" }, output.Path))
        {
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.Exists(file), Is.True);
            Assert.That(Directory.Exists(output.Combine("state")), Is.False);
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void OpenAsync_PostgresWithoutConnectionString_ThrowsArgumentExceptionNamingTheSetting(string? connectionString)
    {
        var options = new StateOptions { Provider = "postgres", ConnectionString = connectionString };

        ArgumentException? error = Assert.ThrowsAsync<ArgumentException>(() => StateStoreFactory.OpenAsync(options, Path.GetTempPath()));

        Assert.That(error?.Message, Does.Contain("State:ConnectionString").And.Contain("postgres"));
    }

    [TestCase("Public")]
    [TestCase("drop table; --")]
    [TestCase("1abc")]
    public void OpenAsync_PostgresWithInvalidSchema_ThrowsArgumentExceptionBeforeConnecting(string schema)
    {
        var options = new StateOptions { Provider = "postgres", ConnectionString = "Host=192.0.2.1;Timeout=1", Schema = schema };

        ArgumentException? error = Assert.ThrowsAsync<ArgumentException>(() => StateStoreFactory.OpenAsync(options, Path.GetTempPath()));

        Assert.That(error?.Message, Does.Contain("State:Schema"));
    }

    [TestCase("mysql")]
    [TestCase("")]
    public void OpenAsync_UnknownProvider_ThrowsArgumentExceptionListingTheChoices(string provider)
    {
        var options = new StateOptions { Provider = provider };

        ArgumentException? error = Assert.ThrowsAsync<ArgumentException>(() => StateStoreFactory.OpenAsync(options, Path.GetTempPath()));

        Assert.That(error?.Message, Does.Contain($"'{provider}'").And.Contain("'sqlite'").And.Contain("'postgres'"));
    }

    [Test]
    public void DefaultSqliteConnectionString_QuotesPathsWithSeparators()
    {
        string connectionString = StateStoreFactory.DefaultSqliteConnectionString("/tmp/out;Mode=Memory");

        Assert.That(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource, Is.EqualTo("/tmp/out;Mode=Memory/state/state.db"));
    }
}
