using System.Text.Json;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Cli.Tests;

/// <summary>
/// The host every command builds: the stages resolve from their own registrations, and bad values stop it before
/// anything is opened, in one line that names every bad key.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CliHostTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Create_DefaultSettings_ResolvesEveryStageWithoutOpeningTheState()
    {
        string output = _folder.Combine("out");
        CliHost host = CliHost.Create(null, output, TextWriter.Null);
        await using (host)
        {
            bool openedBeforeTheLock = Directory.Exists(output);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(openedBeforeTheLock, Is.False, "nothing is opened before the output lock is taken");
                Assert.That(host.OutputDirectory, Is.EqualTo(output), "--out is the last layer");
                Assert.That(host.Runner, Is.Not.Null);
                ArticleProcessor first = host.Processor;
                Assert.That(host.Processor, Is.SameAs(first), "one processor per host");
                Assert.That(host.Translator, Is.Null, "Translator:Provider defaults to none");
                Assert.That(host.Crawl.MaxParallelSources, Is.EqualTo(new CrawlOptions().MaxParallelSources));
                Assert.That(File.Exists(Path.Combine(output, "state", "state.db")), Is.True, "the processor opened the SQLite state under --out");
            }
        }
    }

    [Test]
    public void Create_SeveralValuesOutOfRange_OneLineNamingEveryKey()
    {
        string config = Write(new { Crawl = new { MaxParallelSources = 0 }, Network = new { MaxRedirects = 99 }, Translator = new { MaxRetries = -1 } });

        UsageException error = Assert.Throws<UsageException>(() => CliHost.Create(config, _folder.Combine("out"), TextWriter.Null))!;

        Assert.That(error.Message, Does.StartWith("invalid configuration: ")
            .And.Contain("Crawl:MaxParallelSources")
            .And.Contain("Network:MaxRedirects")
            .And.Contain("Translator:MaxRetries")
            .And.Not.Contain("\n"));
    }

    [Test]
    public void Create_ValueOfTheWrongType_NamesTheSection()
    {
        string config = Write(new { Network = new { DelaySeconds = "soon" } });

        UsageException error = Assert.Throws<UsageException>(() => CliHost.Create(config, _folder.Combine("out"), TextWriter.Null))!;

        Assert.That(error.Message, Does.Contain("section Network").And.Contain("DelaySeconds"));
    }

    [TestCase("sqlite3", "State:Provider must be 'sqlite' or 'postgres'")]
    [TestCase("postgres", "State:ConnectionString is empty")]
    public void Create_StateProviderRules_AreCheckedWhenBuilt(string provider, string expected)
    {
        string config = Write(new { State = new { Provider = provider } });

        UsageException error = Assert.Throws<UsageException>(() => CliHost.Create(config, _folder.Combine("out"), TextWriter.Null))!;

        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void Create_AzureWithoutAKey_SaysWhichVariableToSet()
    {
        string config = Write(new { Translator = new { Provider = "azure", Key = "" } });

        UsageException error = Assert.Throws<UsageException>(() => CliHost.Create(config, _folder.Combine("out"), TextWriter.Null))!;

        Assert.That(error.Message, Does.Contain("ARTICLEPIPELINE__Translator__Key"));
    }

    private string Write(object settings)
    {
        string path = _folder.Combine("settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }
}
