using System.Text;
using System.Text.Json;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>
/// Issue 10, item 12: a Translator error message is the service's own text; it reaches exceptions, logs and records
/// only cleaned of control characters and cut to one short line.
/// </summary>
[TestFixture]
public sealed class Issue10TranslatorTextTests
{
    private LoopbackNewsSite _service = null!;

    [SetUp]
    public async Task SetUp() => _service = await LoopbackNewsSite.StartAsync();

    [TearDown]
    public async Task TearDown() => await _service.DisposeAsync();

    [Test]
    public async Task TranslateAsync_ErrorMessageWithEscapesAndSixtyKilobytes_FailsWithOneCleanShortLine()
    {
        // A service (or something in front of it) answering with terminal escapes, a bidi override and 60 KB of text.
        string message = "Bad request\u001b[2J\u001b]0;pwned\u0007\r\nX-Injected: 1\u202Egnp.exe " + new string('x', 60_000);
        byte[] body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { error = new { code = 400000, message } }));
        _service.Set("/translate", new SiteResponse(body, "application/json", 400) { ReasonPhrase = "Bad\u001b[31m Request" });
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(_service.BaseUrl, maxRetries: 0));

        TranslationFailedException failure = Assert.ThrowsAsync<TranslationFailedException>(
            () => provider.TranslateAsync(Articles.Create(2, blockLength: 40), "vi", ["uk"]))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Message, Does.StartWith("translator rejected the request (400000): Bad request"));
            Assert.That(failure.Message.Any(char.IsControl), Is.False, "no ESC, BEL, CR or LF");
            Assert.That(failure.Message.Contains('\u202E', StringComparison.Ordinal), Is.False, "no bidi override");
            Assert.That(failure.Message.Length, Is.LessThanOrEqualTo(400));
            Assert.That(failure.Message, Does.EndWith("…"));
        }
    }
}
