using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests;

/// <summary>Bad input gets a clear one-line reason and the documented exit code, and writes nothing.</summary>
[TestFixture]
public sealed class BadInputTests
{
    private LoopbackNewsSite _site = null!;
    private TempDirectory _folder = null!;
    private string _config = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _folder = new TempDirectory();
        _config = CliRun.WriteConfig(_folder, new { Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 } });
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [TestCase("ftp://example.com/a.html")]
    [TestCase("file:///etc/passwd")]
    [TestCase("not a url")]
    [TestCase("/relative/path.html")]
    public async Task Rerun_NonHttpUrl_ExitsWithUsageError(string url)
    {
        CliRun run = await CliRun.RunAsync("rerun", url, "--config", _config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("not an http(s) URL"));
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one-line reason");
            Assert.That(Directory.Exists(_folder.Combine("out", "records")), Is.False);
        }
    }

    [Test]
    public async Task Rerun_PageAnswers404_ExitsOneAndSaysSo()
    {
        CliRun run = await CliRun.RunAsync("rerun", _site.Url("missing-a999.html").AbsoluteUri, "--config", _config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("http-404"));
            Assert.That(run.Output, Is.Empty);
            Assert.That(_site.Requests.Count(r => r.Path == "/missing-a999.html"), Is.EqualTo(1), "a 404 is an answer, not retried");
        }
    }

    [Test]
    public async Task Rerun_NonHtmlContentType_ExitsOneWithContentTypeReason()
    {
        _site.Set("/photo.jpg", new SiteResponse([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"));

        CliRun run = await CliRun.RunAsync("rerun", _site.Url("photo.jpg").AbsoluteUri, "--config", _config, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("content-type").And.Contain("image/jpeg"));
        }
    }

    [Test]
    public async Task Rerun_LoopbackUrlWithoutPermission_IsRefusedWithoutRequest()
    {
        string strict = CliRun.WriteConfig(_folder, new { Network = new { AllowPrivateAddresses = false } });

        CliRun run = await CliRun.RunAsync("rerun", _site.Url("a.html").AbsoluteUri, "--config", strict, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("address-policy").And.Contain("AllowPrivateAddresses"));
            Assert.That(_site.Requests, Is.Empty, "a refused URL is never requested");
        }
    }

    [Test]
    public async Task AnyCommand_ConfigFileThatDoesNotParse_ExitsTwoWithReason()
    {
        string broken = _folder.Combine("broken.json");
        await File.WriteAllTextAsync(broken, "{ \"Output\": { \"Directory\": ");

        CliRun run = await CliRun.RunAsync("rerun", _site.Url("a.html").AbsoluteUri, "--config", broken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: config file does not parse"));
        }
    }

    [Test]
    public async Task AnyCommand_MissingConfigFile_ExitsTwoNamingIt()
    {
        CliRun run = await CliRun.RunAsync("crawl", "--once", "--config", _folder.Combine("nope.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("config file not found").And.Contain("nope.json"));
        }
    }

    [Test]
    public async Task AnyCommand_UnknownTranslatorProvider_ExitsTwo()
    {
        string config = CliRun.WriteConfig(_folder, new { Translator = new { Provider = "google" } });

        CliRun run = await CliRun.RunAsync("rerun", "https://example.com/a.html", "--config", config);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("Translator:Provider"));
        }
    }

    [Test]
    public async Task Extract_MissingFile_ExitsTwoNamingIt()
    {
        CliRun run = await CliRun.RunAsync("extract", _folder.Combine("nowhere.html"), "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("no such file or folder").And.Contain("nowhere.html"));
        }
    }

    [Test]
    public async Task Crawl_WithoutOnce_ExitsTwo()
    {
        CliRun run = await CliRun.RunAsync("crawl");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
    }

    [Test]
    public async Task UnknownOption_ExitsTwo()
    {
        CliRun run = await CliRun.RunAsync("rerun", "--no-such-option");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
    }
}
