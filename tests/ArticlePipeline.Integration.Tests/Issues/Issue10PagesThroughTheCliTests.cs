using System.Text;
using System.Text.Json.Nodes;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 10, items 7 and 10, through the real command line: <c>extract</c> refuses binary, letter-filler and
/// 100,000-deep pages with their reasons while writing the healthy page beside them, and <c>validate</c> rejects a
/// record whose original has no text.
/// </summary>
[TestFixture]
public sealed class Issue10PagesThroughTheCliTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Extract_HostilePagesBesideAHealthyOne_EachFailsWithItsReasonAndTheHealthyOneIsWritten()
    {
        string pages = _folder.Combine("pages");
        Directory.CreateDirectory(pages);
        File.WriteAllText(Path.Combine(pages, "bai-viet.html"), SiteContent.Article(1, new Uri("https://baosonghau.example.vn/tin-tuc/bai-viet-so-1-a5001.html")));
        File.WriteAllText(Path.Combine(pages, "long-sau.html"), HostileRoutes.DeepNesting(100_000));
        File.WriteAllBytes(Path.Combine(pages, "tep-elf.html"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4096]]);
        File.WriteAllText(Path.Combine(pages, "chu-a.html"), new string('a', 5 * 1024 * 1024));

        CliRun run = await CliRun.RunAsync("extract", pages, "--out", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(Directory.GetFiles(_folder.Combine("out"), "*.json").Select(Path.GetFileName), Is.EqualTo(new[] { "bai-viet.html.json" }));
            Assert.That(run.Error, Does.Contain("long-sau.html: too-complex: elements nested more than 256 deep"));
            Assert.That(run.Error, Does.Contain("tep-elf.html: not-text: the body is an ELF executable, not text"));
            Assert.That(run.Error, Does.Contain("chu-a.html: not-an-article"));
        }
    }

    [Test]
    public async Task Validate_RecordWhoseOriginalHasNoText_ExitsOneNamingIt()
    {
        string page = _folder.Combine("bai-viet.html");
        File.WriteAllText(page, SiteContent.Article(1, new Uri("https://baosonghau.example.vn/tin-tuc/bai-viet-so-1-a5001.html")));
        await CliRun.RunAsync("extract", page, "--out", _folder.Combine("out"));
        string record = _folder.Combine("out", "bai-viet.html.json");
        JsonObject json = JsonNode.Parse(File.ReadAllText(record))!.AsObject();
        json["languages"]!["vi"]!["content"]!["title"] = string.Empty;
        json["languages"]!["vi"]!["content"]!["lead"] = null;
        json["languages"]!["vi"]!["content"]!["blocks"] = new JsonArray();
        File.WriteAllText(_folder.Combine("out", "rong.json"), json.ToJsonString(), Encoding.UTF8);

        CliRun run = await CliRun.RunAsync("validate", _folder.Combine("out"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("rong.json: $.languages.vi.content: the original has no text"));
            Assert.That(run.Output, Does.Contain("2 records, 1 invalid"));
        }
    }
}
