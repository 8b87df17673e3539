using ArticlePipeline.Testing;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>Issue 18: a bad glossary stops the command at start-up with exit 2 and one line naming the problem.</summary>
[TestFixture]
public sealed class Issue18GlossaryCliTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [TestCase("{\"terms\":[{\"source\":\"An Giang\",\"renderings\":{\"th\":{\"text\":\"อานซาง\"}}}]}", "\"reference\" is missing or blank")]
    [TestCase("{\"terms\": [", "not valid JSON")]
    public async Task Rerun_BadGlossary_ExitsTwoWithOneLine(string json, string problem)
    {
        string glossary = _folder.Combine("glossary.json");
        await File.WriteAllTextAsync(glossary, json);
        string config = CliRun.WriteConfig(_folder, new
        {
            Translator = new { Provider = "azure", Key = "test-key-1234567890", Endpoint = "http://127.0.0.1:9", GlossaryFile = glossary },
        });

        CliRun run = await CliRun.RunAsync("rerun", "http://127.0.0.1:9/a.html", "--config", config, "--out", _folder.Combine("out"));

        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(lines, Has.Length.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("Translator:GlossaryFile").And.Contain(glossary).And.Contain(problem));
        }
    }
}
